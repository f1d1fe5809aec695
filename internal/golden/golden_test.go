package golden

import (
	"regexp"
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	for _, c := range []struct {
		got, want string
		tol       float64
		ok        bool
		why       string
	}{
		{"a,1.5,x\n", "a,1.5,x\n", 0, true, ""},
		{"a,1.5000000000001,x", "a,1.5,x", 1e-12, true, ""},
		{"a,1.5000000000001,x", "a,1.5,x", 0, false, "relative difference"},
		{"a,1.6,x", "a,1.5,x", 1e-12, false, "relative difference"},
		{"b,1.5,x", "a,1.5,x", 1e-12, false, "text"},
		{"a,1.5,x,2", "a,1.5,x", 1e-12, false, "numbers"},
		{"a\nb", "a", 1e-12, false, "lines"},
		{"-2e-300 ok", "-2.0000000000000001e-300 ok", 1e-12, true, ""},
	} {
		err := Compare([]byte(c.got), []byte(c.want), c.tol)
		if (err == nil) != c.ok || (err != nil && !strings.Contains(err.Error(), c.why)) {
			t.Errorf("Compare(%q, %q, %g) = %v, want ok=%v (%s)", c.got, c.want, c.tol, err, c.ok, c.why)
		}
	}
}

func TestMask(t *testing.T) {
	re := regexp.MustCompile(`"seconds":([0-9.e+-]+)`)
	got := string(Mask([]byte(`{"a":1,"seconds":0.0305,"b":2}`), re))
	if want := `{"a":1,"seconds":<masked>,"b":2}`; got != want {
		t.Errorf("Mask = %s, want %s", got, want)
	}
	whole := regexp.MustCompile(`host-\w+`)
	if got := string(Mask([]byte("on host-abc."), whole)); got != "on <masked>." {
		t.Errorf("Mask without submatch = %s", got)
	}
}
