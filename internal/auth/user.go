package auth

import "time"

// User is a person who can sign in: a company employee or program staff.
type User struct {
	ID           string
	Email        string // lower-case; the sign-in name
	Name         string
	Title        string // job title, shown on signatures
	PasswordHash string
	Staff        Role // empty for company users
	Lang         string
	// TOTPSecret is sealed with the server's key; TOTPEnabled turns it on
	// once the person has proved their app produces codes.
	TOTPSecret   string
	TOTPEnabled  bool
	TOTPLastStep int64
	FailedLogins int
	LockedUntil  time.Time
	LastSignIn   time.Time
	Disabled     time.Time
	CreatedAt    time.Time
}

// Lockout policy: after MaxFailedLogins wrong passwords in a row an account
// is locked for LockoutPeriod, whatever address the attempts come from.
const (
	MaxFailedLogins = 5
	LockoutPeriod   = 15 * time.Minute
)

// Locked reports whether the account refuses sign-ins at now.
func (u User) Locked(now time.Time) bool { return now.Before(u.LockedUntil) }

// NeedsMFA reports whether signing in takes a second factor: always for
// staff, and for company users who turned it on.
func (u User) NeedsMFA() bool { return u.TOTPEnabled || u.Staff.IsStaff() }

// Actor returns the actor for a browser session of u.
func (u User) Actor() Actor {
	return Actor{UserID: u.ID, Email: u.Email, Name: u.Name, Staff: u.Staff, Lang: u.Lang}
}
