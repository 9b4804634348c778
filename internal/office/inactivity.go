package office

import (
	"context"

	"trustlane/internal/auth"
	"trustlane/internal/store"
)

// SweepInactiveAccounts reminds people whose account is about to expire
// for lack of use, and expires (disables) the accounts unused for the
// policy's whole period. Accounts expire so that a departed employee's
// access does not linger; the reminder comes first so nobody is surprised,
// and an expired person is restored by a password reset from the operator.
// It is safe to run on every instance and as often as wanted.
func (o *Office) SweepInactiveAccounts(ctx context.Context) (reminded, expired int, err error) {
	w := o.policy.Windows
	err = o.update(ctx, func(tx *store.Tx) error {
		now := tx.Now()
		expiry := now.Add(-w.AccountInactivity.Duration())
		soon := expiry.Add(w.LongReminder.Duration())
		users, err := tx.InactiveUsers(soon, 500)
		if err != nil {
			return err
		}
		for _, iu := range users {
			u := iu.User
			last := u.LastSignIn
			if last.IsZero() {
				last = u.CreatedAt
			}
			if last.Before(expiry) {
				u.Disabled = now
				if err := tx.UpdateUser(&u); err != nil {
					return err
				}
				if err := tx.DeleteUserSessions(u.ID, ""); err != nil {
					return err
				}
				tx.Changed(store.Change{Kind: KindUserChanged, ID: u.ID})
				if err := tx.Audit(auth.System, store.Event{SubjectType: "user", SubjectID: u.ID, Action: "user.expired",
					Data: map[string]any{"last_use": last}}); err != nil {
					return err
				}
				expired++
				continue
			}
			if iu.RemindedAt.After(last) {
				continue // already told since the account was last used
			}
			if err := tx.MarkInactivityReminded(u.ID); err != nil {
				return err
			}
			if err := mail(tx, "inactivity", u.Lang, u.Email, map[string]string{"Name": u.Name,
				"Expires": o.dateValue(last.Add(w.AccountInactivity.Duration())), "Link": o.link("/signin")}); err != nil {
				return err
			}
			reminded++
		}
		return nil
	})
	return reminded, expired, err
}
