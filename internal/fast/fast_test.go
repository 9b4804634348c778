package fast_test

import (
	"testing"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/fast"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func fieldsOf(err error) []string {
	e, ok := errs.As(err)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

func TestCheckNumber(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"12345678", "12345678", true},
		{"123456789012", "123456789012", true},
		{" 123-456 789 ", "123456789", true},
		{"1234567", "", false},
		{"1234567890123", "", false},
		{"12345678A", "", false},
		{"", "", false},
		{"１２３４５６７８", "", false},
	} {
		got, err := fast.CheckNumber(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("CheckNumber(%q) = %q, %v; want %q ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestNewCard(t *testing.T) {
	good := fast.CardInput{Number: "500123456", Holder: "  Jean   Tremblay ", Kind: "FAST", ValidUntil: now.AddDate(4, 0, 0)}
	for _, tc := range []struct {
		name   string
		edit   func(*fast.CardInput)
		fields []string
	}{
		{"valid", func(*fast.CardInput) {}, nil},
		{"expired card may be recorded", func(in *fast.CardInput) { in.ValidUntil = now.AddDate(-1, 0, 0) }, nil},
		{"south only FAST", func(in *fast.CardInput) { in.SouthOnly = true }, nil},
		{"cdrp", func(in *fast.CardInput) { in.Kind = "cdrp" }, nil},
		{"cdrp cannot be south only", func(in *fast.CardInput) { in.Kind, in.SouthOnly = "cdrp", true }, []string{"south_only"}},
		{"bad number", func(in *fast.CardInput) { in.Number = "12" }, []string{"number"}},
		{"no holder", func(in *fast.CardInput) { in.Holder = " " }, []string{"holder"}},
		{"unknown kind", func(in *fast.CardInput) { in.Kind = "nexus" }, []string{"kind"}},
		{"no expiry", func(in *fast.CardInput) { in.ValidUntil = time.Time{} }, []string{"valid_until"}},
		{"beyond five years", func(in *fast.CardInput) { in.ValidUntil = now.AddDate(5, 0, 3) }, []string{"valid_until"}},
		{"everything wrong", func(in *fast.CardInput) { *in = fast.CardInput{} }, []string{"number", "holder", "kind", "valid_until"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := good
			tc.edit(&in)
			c, err := fast.NewCard(in, now)
			if got := fieldsOf(err); len(got) != len(tc.fields) || (len(got) > 0 && got[0] != tc.fields[0]) {
				t.Fatalf("fields %v, want %v (err %v)", got, tc.fields, err)
			}
			if err == nil && (c.Holder != "Jean Tremblay" || c.Number != "500123456" || !c.Kind.Valid()) {
				t.Fatalf("card %+v", c)
			}
		})
	}
}

func TestRevokeAndValidity(t *testing.T) {
	c, err := fast.NewCard(fast.CardInput{Number: "500123456", Holder: "A B", Kind: "fast", ValidUntil: now.AddDate(1, 0, 0)}, now)
	if err != nil {
		t.Fatal(err)
	}
	if !c.ValidInto(fast.IntoUS, now) || !c.ValidInto(fast.IntoCA, now) || c.ValidAt(now.AddDate(1, 0, 1)) {
		t.Fatal("a current FAST card is valid both ways until it expires")
	}
	if _, err := c.Revoke(" ", now); len(fieldsOf(err)) != 1 {
		t.Fatalf("revoke without reason: %v", err)
	}
	r, err := c.Revoke("lost", now)
	if err != nil || !r.Revoked() || r.ValidAt(now) || !r.ValidAt(now.Add(-time.Hour)) {
		t.Fatalf("revoked %+v %v", r, err)
	}
	if _, err := r.Revoke("again", now); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("second revoke: %v", err)
	}
	edited, err := r.Edit(fast.CardInput{Holder: "C D", Kind: "fast", ValidUntil: now.AddDate(2, 0, 0)}, now)
	if err != nil || edited.Number != c.Number || !edited.Revoked() {
		t.Fatalf("edit kept number and revocation: %+v %v", edited, err)
	}
	cdrp := c
	cdrp.Kind = fast.KindCDRP
	if !cdrp.ValidInto(fast.IntoCA, now) || cdrp.ValidInto(fast.IntoUS, now) {
		t.Fatal("a CDRP card is valid only into Canada")
	}
	south := c
	south.SouthOnly = true
	if south.ValidInto(fast.IntoCA, now) || south.ValidInto(fast.IntoUS, now) {
		t.Fatal("a FAST South card is not valid on the northern border")
	}
}

func TestGrantRevoke(t *testing.T) {
	active := fast.Approval{OrgID: "o", Direction: fast.IntoCA, GrantedAt: now}
	for _, tc := range []struct {
		name     string
		dir      fast.Direction
		eligible bool
		prev     fast.Approval
		code     errs.Code
	}{
		{"granted", fast.IntoCA, true, fast.Approval{}, ""},
		{"regranted after revocation", fast.IntoCA, true, fast.Approval{OrgID: "o", Direction: fast.IntoCA, GrantedAt: now, RevokedAt: now}, ""},
		{"into US is CBP's", fast.IntoUS, true, fast.Approval{}, errs.Invalid},
		{"not eligible", fast.IntoCA, false, fast.Approval{}, errs.Conflict},
		{"already granted", fast.IntoCA, true, active, errs.Conflict},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := fast.Grant("o", tc.dir, tc.eligible, tc.prev, "u", now)
			if errs.CodeOf(err) != tc.code && !(tc.code == "" && err == nil) {
				t.Fatalf("err %v, want %s", err, tc.code)
			}
			if err == nil && (!a.Active() || a.GrantedBy != "u") {
				t.Fatalf("approval %+v", a)
			}
		})
	}
	r, err := active.Revoke(now)
	if err != nil || r.Active() {
		t.Fatalf("revoke: %+v %v", r, err)
	}
	if _, err := r.Revoke(now); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("second revoke: %v", err)
	}
}
