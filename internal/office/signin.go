package office

import (
	"context"
	"strings"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/store"
)

// Throttling of sign-in, shared by every instance through the store: an
// address that fails too often is refused for a while, and so is an e-mail
// (whether or not an account has it, so refusals reveal nothing).
const (
	throttleWindow      = 15 * time.Minute
	maxFailuresPerAddr  = 20
	maxSecondFactorFail = 5
)

var (
	errSignIn    = errs.E(errs.Unauthorized, "error.signin_failed", "the e-mail address or password is not right")
	errThrottled = errs.E(errs.TooMany, "error.too_many_attempts", "too many failed attempts; try again in 15 minutes or reset your password")
	errCode      = errs.E(errs.Unauthorized, "error.code_wrong", "the code is not right; enter the current code from your app or a recovery code")
)

// Client describes where a request comes from, for throttling and sessions.
type Client struct {
	Address   string
	UserAgent string
}

// SignInResult is an open session. When MFAPending is set, the session
// counts for nothing until VerifySecondFactor completes it.
type SignInResult struct {
	Secret     string
	MFAPending bool
	User       auth.User
}

// SignIn checks a password and opens a session. Failures are committed (they
// count towards lockout) before the error is returned.
func (o *Office) SignIn(ctx context.Context, email, password string, c Client) (SignInResult, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	addrKey, mailKey := "signin:addr:"+c.Address, "signin:email:"+email
	var res SignInResult
	var failure error
	err := o.update(ctx, func(tx *store.Tx) error {
		if n, err := tx.Hits(addrKey, throttleWindow); err != nil || n >= maxFailuresPerAddr {
			failure = errThrottled
			return err
		}
		if n, err := tx.Hits(mailKey, throttleWindow); err != nil || n >= auth.MaxFailedLogins {
			failure = errThrottled
			return err
		}
		u, err := tx.UserByEmail(email)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return err
		}
		hash := u.PasswordHash
		if hash == "" {
			hash = o.dummyHash
		}
		pwErr := auth.VerifyPassword(password, hash)
		if u.ID == "" || pwErr != nil || !u.Disabled.IsZero() || u.Locked(tx.Now()) {
			failure = errSignIn
			if u.Locked(tx.Now()) {
				failure = errThrottled
			}
			return o.recordFailure(tx, u, addrKey, mailKey)
		}
		if err := tx.ResetHits(mailKey); err != nil {
			return err
		}
		res.User = u
		res.MFAPending = u.TOTPEnabled
		res.Secret, err = openSession(tx, u, res.MFAPending, c)
		if err != nil || res.MFAPending {
			return err
		}
		return signedIn(tx, &u)
	})
	if err != nil {
		return SignInResult{}, err
	}
	return res, failure
}

// recordFailure counts a failed password against the address and the
// e-mail, and locks an existing account at the limit.
func (o *Office) recordFailure(tx *store.Tx, u auth.User, addrKey, mailKey string) error {
	if _, err := tx.Hit(addrKey, throttleWindow); err != nil {
		return err
	}
	n, err := tx.Hit(mailKey, throttleWindow)
	if err != nil || u.ID == "" {
		return err
	}
	u.FailedLogins++
	if n >= auth.MaxFailedLogins && !u.Locked(tx.Now()) {
		u.LockedUntil = tx.Now().Add(auth.LockoutPeriod)
		if err := tx.Audit(auth.System, store.Event{SubjectType: "user", SubjectID: u.ID, Action: "user.locked",
			Data: map[string]any{"failed_logins": u.FailedLogins, "until": u.LockedUntil}}); err != nil {
			return err
		}
	}
	return tx.UpdateUser(&u)
}

func openSession(tx *store.Tx, u auth.User, pending bool, c Client) (string, error) {
	secret := auth.NewSecret("tls")
	s := auth.Session{IDHash: auth.HashSecret(secret), UserID: u.ID, MFAPending: pending,
		ExpiresAt: tx.Now().Add(auth.AbsoluteTimeout), Address: c.Address, UserAgent: truncate(c.UserAgent, 300)}
	return secret, tx.InsertSession(&s)
}

// signedIn records a completed sign-in.
func signedIn(tx *store.Tx, u *auth.User) error {
	u.LastSignIn, u.FailedLogins, u.LockedUntil = tx.Now(), 0, time.Time{}
	if err := tx.UpdateUser(u); err != nil {
		return err
	}
	return tx.Audit(u.Actor(), store.Event{SubjectType: "user", SubjectID: u.ID, Action: "user.signed_in"})
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// VerifySecondFactor completes a pending session with a TOTP code or a
// recovery code. Too many wrong codes end the session.
func (o *Office) VerifySecondFactor(ctx context.Context, secret, code string) (auth.User, error) {
	h := auth.HashSecret(secret)
	var u auth.User
	var failure error
	err := o.update(ctx, func(tx *store.Tx) error {
		s, err := tx.Session(h)
		if err != nil || !s.MFAPending || !s.Live(tx.Now()) {
			failure = errs.E(errs.Unauthorized, "error.session_expired", "your session has ended; sign in again")
			return nil
		}
		if u, err = tx.User(s.UserID); err != nil {
			return err
		}
		key := "mfa:" + u.ID
		// Counted per account, not per session: signing in again with the
		// password does not buy fresh guesses at the code.
		if n, err := tx.Hits(key, throttleWindow); err != nil || n >= maxSecondFactorFail {
			failure = errThrottled
			if err == nil {
				err = tx.DeleteSession(h)
			}
			return err
		}
		if ok, err := o.checkSecondFactor(tx, &u, code); err != nil || ok {
			if err != nil {
				return err
			}
			if err := tx.ResetHits(key); err != nil {
				return err
			}
			if err := tx.CompleteSessionMFA(h); err != nil {
				return err
			}
			return signedIn(tx, &u)
		}
		failure = errCode
		n, err := tx.Hit(key, throttleWindow)
		if err == nil && n >= maxSecondFactorFail {
			failure = errThrottled
			err = tx.DeleteSession(h)
		}
		return err
	})
	if err != nil {
		return auth.User{}, err
	}
	return u, failure
}

// checkSecondFactor accepts a current TOTP code not used before, or an
// unused recovery code (which it spends).
func (o *Office) checkSecondFactor(tx *store.Tx, u *auth.User, code string) (bool, error) {
	if u.TOTPEnabled {
		secret, err := o.box.Open(u.TOTPSecret, u.ID)
		if err != nil {
			return false, err
		}
		if step, ok := auth.CheckTOTP(secret, code, tx.Now()); ok && step > u.TOTPLastStep {
			u.TOTPLastStep = step
			return true, tx.UpdateUser(u)
		}
	}
	rc := auth.NormalizeRecoveryCode(code)
	if len(rc) != 11 {
		return false, nil
	}
	err := tx.UseRecoveryCode(u.ID, auth.HashSecret(rc))
	if errs.Is(err, errs.NotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, tx.Audit(u.Actor(), store.Event{SubjectType: "user", SubjectID: u.ID, Action: "user.recovery_code_used"})
}
