// Package secret keeps the server's own keys: it creates them on first run in
// the data directory (0600), or reads them from a file given by path so that
// several instances share one, and seals small values (TOTP secrets) with
// AES-256-GCM so a copy of the database alone does not reveal them.
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// KeySize is the size of every symmetric key: 256 bits.
const KeySize = 32

// LoadOrCreate reads a base64 key from path, or creates one there with mode
// 0600 when the file does not exist. A key file readable by others is
// refused, so a misconfigured deployment fails loudly.
func LoadOrCreate(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return create(path)
	}
	if err != nil {
		return nil, fmt.Errorf("read key %s: %w", path, err)
	}
	if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("key %s is readable by others (mode %v); run chmod 600 on it", path, st.Mode().Perm())
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) != KeySize {
		return nil, fmt.Errorf("key %s: want %d bytes of base64", path, KeySize)
	}
	return key, nil
}

func create(path string) ([]byte, error) {
	key := make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("create key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create key %s: %w", path, err)
	}
	// O_EXCL: if another process created it meanwhile, use theirs.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return LoadOrCreate(path)
	}
	if err != nil {
		return nil, fmt.Errorf("create key %s: %w", path, err)
	}
	if _, err := f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n"); err != nil {
		f.Close()
		return nil, fmt.Errorf("write key %s: %w", path, err)
	}
	return key, f.Close()
}

// Box seals and opens small values with one key.
type Box struct{ aead cipher.AEAD }

// NewBox makes a Box from a 32-byte key.
func NewBox(key []byte) (*Box, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("secret box: key must be %d bytes", KeySize)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Box{aead: aead}, nil
}

// Seal encrypts plaintext; context binds it to its place (such as the user
// ID), so a sealed value copied to another row does not open.
func (b *Box) Seal(plaintext, context string) string {
	return "v1:" + base64.RawStdEncoding.EncodeToString(b.SealBytes([]byte(plaintext), context))
}

// Open decrypts a value made by Seal with the same context.
func (b *Box) Open(sealed, context string) (string, error) {
	raw, ok := strings.CutPrefix(sealed, "v1:")
	if !ok {
		return "", errors.New("secret box: unknown format")
	}
	data, err := base64.RawStdEncoding.DecodeString(raw)
	if err != nil {
		return "", errors.New("secret box: malformed value")
	}
	pt, err := b.OpenBytes(data, context)
	return string(pt), err
}

// Derive returns a key for one purpose ("totp", "evidence") from the server's
// master key, so one key file serves every use and no two uses share a key.
func Derive(master []byte, purpose string) []byte {
	k, err := hkdf.Key(sha256.New, master, nil, "trustlane "+purpose, KeySize)
	if err != nil {
		panic(err) // only for a key length HKDF cannot produce; ours is fixed
	}
	return k
}

// SealBytes encrypts a file's content, bound to its context (the file's ID).
func (b *Box) SealBytes(plaintext []byte, context string) []byte {
	nonce := make([]byte, b.aead.NonceSize(), b.aead.NonceSize()+len(plaintext)+b.aead.Overhead())
	_, _ = rand.Read(nonce)
	return b.aead.Seal(nonce, nonce, plaintext, []byte(context))
}

// OpenBytes decrypts what SealBytes made with the same context.
func (b *Box) OpenBytes(sealed []byte, context string) ([]byte, error) {
	n := b.aead.NonceSize()
	if len(sealed) < n+b.aead.Overhead() {
		return nil, errors.New("secret box: sealed value too short")
	}
	pt, err := b.aead.Open(nil, sealed[:n], sealed[n:], []byte(context))
	if err != nil {
		return nil, errors.New("secret box: value does not open with this key")
	}
	return pt, nil
}
