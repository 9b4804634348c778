package office

import (
	"context"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/store"
)

var errNoSession = errs.E(errs.Unauthorized, "error.session_expired", "your session has ended; sign in again")

// SessionState is what a request learns from its session cookie.
type SessionState struct {
	Actor      auth.Actor
	User       auth.User
	MFAPending bool
}

// Session resolves a session secret. A pending session (password given,
// code not yet) is returned with MFAPending so the portal can ask for the
// code; it grants nothing else. Activity is recorded at most once a minute,
// so most requests only read.
func (o *Office) Session(ctx context.Context, secret string) (SessionState, error) {
	h := auth.HashSecret(secret)
	var st SessionState
	var s auth.Session
	err := o.view(ctx, func(tx *store.Tx) error {
		var err error
		if s, err = tx.Session(h); err != nil {
			return err
		}
		if !s.Live(tx.Now()) {
			return errNoSession
		}
		if st.User, err = tx.User(s.UserID); err != nil {
			return err
		}
		if !st.User.Disabled.IsZero() {
			return errNoSession
		}
		return nil
	})
	if errs.Is(err, errs.NotFound) {
		return st, errNoSession
	}
	if err != nil {
		return st, err
	}
	st.MFAPending = s.MFAPending
	if !s.MFAPending { // a pending session acts for nobody
		st.Actor = st.User.Actor()
		st.Actor.MFA = st.User.TOTPEnabled
	}
	if !s.MFAPending && o.db.Now().Sub(s.LastSeenAt) >= auth.TouchEvery {
		if err := o.update(ctx, func(tx *store.Tx) error { return tx.TouchSession(h) }); err != nil {
			o.log.Warn("touch session", "err", err)
		}
	}
	return st, nil
}

// SignOut ends a session.
func (o *Office) SignOut(ctx context.Context, secret string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		h := auth.HashSecret(secret)
		s, err := tx.Session(h)
		if errs.Is(err, errs.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := tx.DeleteSession(h); err != nil {
			return err
		}
		u, err := tx.User(s.UserID)
		if err != nil {
			return err
		}
		return tx.Audit(u.Actor(), store.Event{SubjectType: "user", SubjectID: s.UserID, Action: "user.signed_out"})
	})
}

// SetLanguage remembers a person's language for pages and mail.
func (o *Office) SetLanguage(ctx context.Context, a auth.Actor, lang string) error {
	if lang != "en" && lang != "fr" {
		return errs.Fields(errs.F("lang", "error.choose_option", "choose English or French"))
	}
	return o.update(ctx, func(tx *store.Tx) error {
		u, err := tx.User(a.UserID)
		if err != nil || u.Lang == lang {
			return err
		}
		u.Lang = lang
		return tx.UpdateUser(&u)
	})
}
