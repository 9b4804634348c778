package main

import "testing"

func TestDisplayAddrKeepsTheHostAndTakesTheBoundPort(t *testing.T) {
	for _, c := range []struct{ configured, bound, want string }{
		{"localhost:8080", "127.0.0.1:8080", "localhost:8080"},
		{":8080", "[::]:8080", "localhost:8080"},
		{"0.0.0.0:0", "0.0.0.0:41234", "localhost:41234"},
		{"127.0.0.1:0", "127.0.0.1:41234", "127.0.0.1:41234"},
		{"[::1]:9000", "[::1]:9000", "[::1]:9000"},
	} {
		if got := displayAddr(c.configured, c.bound); got != c.want {
			t.Errorf("displayAddr(%q, %q) = %q, want %q", c.configured, c.bound, got, c.want)
		}
	}
}
