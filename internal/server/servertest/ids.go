package servertest

import (
	"fmt"
	"sync/atomic"
)

var seq atomic.Int64

// nextBN returns a fresh valid 9-digit business number (Luhn).
func nextBN() string {
	n := 100000000 + seq.Add(1)*7919
	base := fmt.Sprintf("%08d", n%100000000)
	for d := 0; d < 10; d++ {
		s := base + fmt.Sprint(d)
		if luhn(s) {
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

func luhn(s string) bool {
	sum := 0
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if (len(s)-1-i)%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}
