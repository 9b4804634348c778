package secret

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLoadOrCreateKeepsOneKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "totp.key")
	k1, err := LoadOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode = %v, %v", st.Mode().Perm(), err)
	}
	k2, err := LoadOrCreate(path)
	if err != nil || string(k1) != string(k2) || len(k1) != KeySize {
		t.Fatalf("second load gave another key (%v)", err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreate(path); err == nil {
		t.Fatal("a world-readable key was accepted")
	}
	bad := filepath.Join(t.TempDir(), "bad.key")
	if err := os.WriteFile(bad, []byte("c2hvcnQ=\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreate(bad); err == nil {
		t.Fatal("a short key was accepted")
	}
}

func TestBoxSealsToItsContext(t *testing.T) {
	key, _ := LoadOrCreate(filepath.Join(t.TempDir(), "k"))
	box, err := NewBox(key)
	if err != nil {
		t.Fatal(err)
	}
	s := box.Seal("JBSWY3DPEHPK3PXP", "user-1")
	if s == box.Seal("JBSWY3DPEHPK3PXP", "user-1") {
		t.Error("two seals of one value are equal: nonce reused")
	}
	if got, err := box.Open(s, "user-1"); err != nil || got != "JBSWY3DPEHPK3PXP" {
		t.Fatalf("open = %q, %v", got, err)
	}
	if _, err := box.Open(s, "user-2"); err == nil {
		t.Error("opened under another context")
	}
	other, _ := NewBox(make([]byte, KeySize))
	if _, err := other.Open(s, "user-1"); err == nil {
		t.Error("opened with another key")
	}
	for _, bad := range []string{"", "v1:", "v1:!!", "v2:abc", s[:len(s)-2]} {
		if _, err := box.Open(bad, "user-1"); err == nil {
			t.Errorf("Open(%q) succeeded", bad)
		}
	}
}

func TestDerivedKeysDifferAndFilesSeal(t *testing.T) {
	master := make([]byte, KeySize)
	a, b := Derive(master, "totp"), Derive(master, "evidence")
	if string(a) == string(b) || len(a) != KeySize || string(a) != string(Derive(master, "totp")) {
		t.Fatal("derived keys are not distinct and stable")
	}
	box, _ := NewBox(b)
	data := []byte("%PDF-1.7 a document")
	sealed := box.SealBytes(data, "ev-1")
	if string(sealed) == string(data) || len(sealed) <= len(data) {
		t.Fatal("not sealed")
	}
	if got, err := box.OpenBytes(sealed, "ev-1"); err != nil || string(got) != string(data) {
		t.Fatalf("open = %q, %v", got, err)
	}
	if _, err := box.OpenBytes(sealed, "ev-2"); err == nil {
		t.Error("opened under another file's ID")
	}
	sealed[len(sealed)-1] ^= 1
	if _, err := box.OpenBytes(sealed, "ev-1"); err == nil {
		t.Error("a flipped bit went unnoticed")
	}
	if _, err := box.OpenBytes([]byte("short"), "ev-1"); err == nil {
		t.Error("a truncated value opened")
	}
}
