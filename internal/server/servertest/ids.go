package servertest

import (
	"fmt"
	"sync/atomic"

	"trustlane/internal/ident"
)

var seq atomic.Int64

// nextBN returns a fresh 9-digit business number that the portal accepts.
func nextBN() string {
	n := 100000000 + seq.Add(1)*7919
	base := fmt.Sprintf("%08d", n%100000000)
	for d := 0; d < 10; d++ {
		s := base + fmt.Sprint(d)
		if _, err := ident.CheckBN9(s); err == nil {
			return s
		}
	}
	panic("unreachable")
}

// nextCarrier returns a fresh 4-character carrier code.
func nextCarrier() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	n := seq.Add(1)
	b := make([]byte, 4)
	for i := range b {
		b[i] = alphabet[n%int64(len(alphabet))]
		n /= int64(len(alphabet))
	}
	return string(b)
}
