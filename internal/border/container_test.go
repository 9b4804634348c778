package border

import (
	"testing"

	"trustlane/internal/ident"
)

// identContainerReason is the finding as ident alone gives it.
func identContainerReason(container string) Reason {
	if _, err := ident.CheckContainer(container); err != nil {
		return containerFailure(err)
	}
	return ContainerValid
}

func TestContainerReasonMatchesIdent(t *testing.T) {
	cases := []string{
		"CSQU3054383", "csqu 305438-3", " CSQU3054383\t", "\u00a0CSQU3054383\u2003", "CSQU3054384",
		"CSQU305438", "CSQU30543833", "CSQX3054383", "CSQJ3054383", "CSQZ3054383", "CSQR3054383",
		"C5QU3054383", "CSQU30543A3", "CSQU305438X", "CSQU-3054-383-", "--CSQU3054383--", "ÇSQU3054383",
		"CSQU305438\u0663", "MSKU1234565", "MSKU1234560", "TGHU0000000", "AAAU0000000",
	}
	// Every check digit, for owner codes whose letter values cross 11.
	for _, owner := range []string{"ABCU", "KLMU", "VWXJ", "zzzz", "AAAZ"} {
		for d := range 10 {
			cases = append(cases, owner+"305438"+string(rune('0'+d)))
		}
	}
	for _, c := range cases {
		if got, want := containerReason(c), identContainerReason(c); got != want {
			t.Errorf("containerReason(%q) = %s, ident says %s", c, got, want)
		}
	}
}

func TestContainerReasonDoesNotAllocate(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { containerReason("csqu 305438-3") }); n != 0 {
		t.Errorf("%v allocations per valid container", n)
	}
}

// FuzzContainerReason holds the allocation-free check to ident's verdicts.
func FuzzContainerReason(f *testing.F) {
	f.Add("CSQU3054383")
	f.Add("csqu 305438-3")
	f.Add("MSKU1234560")
	f.Fuzz(func(t *testing.T, c string) {
		if got, want := containerReason(c), identContainerReason(c); got != want {
			t.Fatalf("containerReason(%q) = %s, ident says %s", c, got, want)
		}
	})
}
