package erasure

import (
	"math"
	"testing"
)

func TestBinaryEntropy(t *testing.T) {
	for _, c := range []struct{ eps, want float64 }{ // references in 40-digit arithmetic (mpmath)
		{0, 0},
		{1, 0},
		{0.5, math.Ln2},
		{0.1, 0.32508297339144824},
		{0.9, 0.32508297339144824},
		{1e-15, 3.5538776394910685e-14},
		{1e-300, 6.917755278982137e-298}, // ε (ln(1/ε) + 1)
	} {
		if got := BinaryEntropy(c.eps); !closeRel(got, c.want, 1e-14) {
			t.Errorf("BinaryEntropy(%v) = %v, want %v", c.eps, got, c.want)
		}
	}
	for _, eps := range []float64{-1e-300, 1.5, math.NaN()} {
		if got := BinaryEntropy(eps); !math.IsNaN(got) {
			t.Errorf("BinaryEntropy(%v) = %v, want NaN", eps, got)
		}
	}
	// Rises on [0, ½]: symmetric and monotone.
	prev := -1.0
	for eps := 0.0; eps <= 0.5; eps += 1.0 / 64 {
		h := BinaryEntropy(eps)
		if h <= prev || h != BinaryEntropy(1-eps) {
			t.Errorf("H(%v) = %v: not above %v or not equal to H(1−ε) = %v", eps, h, prev, BinaryEntropy(1-eps))
		}
		prev = h
	}
}

func TestLandauerBound(t *testing.T) {
	if got, want := LandauerBound(1e-15), 0.69314718055990977; !closeRel(got, want, 1e-15) {
		t.Errorf("LandauerBound(1e-15) = %v, want %v", got, want)
	}
	if got := LandauerBound(1e-15); !(got < math.Ln2 && math.Ln2-got > 3.5e-14 && math.Ln2-got < 3.6e-14) {
		t.Errorf("ln 2 − LandauerBound(1e-15) = %v, want ≈ 3.55e-14", math.Ln2-got)
	}
	if got := LandauerBound(0); got != math.Ln2 {
		t.Errorf("LandauerBound(0) = %v, want ln 2", got)
	}
	if got := LandauerBound(0.5); math.Abs(got) > 1e-16 {
		t.Errorf("LandauerBound(½) = %v, want 0", got)
	}
	// Smaller error costs more, up to ln 2.
	prev := -1.0
	for _, eps := range []float64{0.5, 0.3, 0.1, 1e-2, 1e-4, 1e-8, 1e-16} {
		b := LandauerBound(eps)
		if b <= prev || b > math.Ln2 {
			t.Errorf("LandauerBound(%v) = %v: not above %v or above ln 2", eps, b, prev)
		}
		prev = b
	}
}

func TestSymmetricBound(t *testing.T) {
	for _, c := range []struct{ eps, want float64 }{ // references: mpmath
		{0.1, 0.87888983093448775},
		{0.9, 0.87888983093448775},
		{1e-15, 17.269388197455308},
		{0.5, 0},
	} {
		if got := SymmetricBound(c.eps); !closeRel(got, c.want, 1e-14) {
			t.Errorf("SymmetricBound(%v) = %v, want %v", c.eps, got, c.want)
		}
	}
	if !math.IsInf(SymmetricBound(0), 1) || !math.IsInf(SymmetricBound(1), 1) {
		t.Errorf("SymmetricBound(0), (1) = %v, %v, want +Inf", SymmetricBound(0), SymmetricBound(1))
	}
	if !math.IsNaN(SymmetricBound(-0.1)) || !math.IsNaN(SymmetricBound(math.NaN())) {
		t.Error("SymmetricBound outside [0, 1] is not NaN")
	}
	// Grows like ½ ln(1/ε) and always lies above the Landauer bound for ε < ½.
	for _, eps := range []float64{0.4, 0.1, 1e-3, 1e-9, 1e-30, 1e-200} {
		s, l := SymmetricBound(eps), LandauerBound(eps)
		if !(s > l) {
			t.Errorf("ε = %v: symmetric %v not above Landauer %v", eps, s, l)
		}
		if eps < 1e-8 && !closeRel(s, 0.5*math.Log(1/eps), 1e-7) {
			t.Errorf("ε = %v: symmetric %v, want ≈ ½ ln(1/ε) = %v", eps, s, 0.5*math.Log(1/eps))
		}
	}
}

func TestBarrierForError(t *testing.T) {
	if got := BarrierForError(1e-15); math.Abs(got-34.538776394910684) > 1e-12 {
		t.Errorf("BarrierForError(1e-15) = %v, want 34.54", got)
	}
	if got := BarrierForError(math.Exp(-50)); math.Abs(got-50) > 1e-12 {
		t.Errorf("BarrierForError(e^-50) = %v, want 50", got)
	}
	if eps := math.Exp(-50); math.Abs(eps-1.9287e-22) > 1e-26 {
		t.Errorf("e^-50 = %v, PHYSICS.md says ≈ 1.9e-22", eps)
	}
}

func TestRetentionError(t *testing.T) {
	if got := RetentionError(0.5, 1); !closeRel(got, 0.5*(1-math.Exp(-1)), 1e-15) {
		t.Errorf("RetentionError(0.5, 1) = %v", got)
	}
	if got := RetentionError(1e-20, 1); !closeRel(got, 1e-20, 1e-15) {
		t.Errorf("RetentionError(1e-20, 1) = %v, want ≈ kt = 1e-20", got)
	}
	if got := RetentionError(1, math.Inf(1)); got != 0.5 {
		t.Errorf("RetentionError(1, ∞) = %v, want ½", got)
	}
	if got := RetentionError(3, 0); got != 0 {
		t.Errorf("RetentionError(3, 0) = %v, want 0", got)
	}
}

func TestKramersRate(t *testing.T) {
	// U = E_b (x² − 1)²: U''(±1) = 8E_b, U''(0) = −4E_b, k = (2√2/π) E_b e^{−E_b}.
	for _, eb := range []float64{5, 13, 50} {
		got := KramersRate(8*eb, -4*eb, eb, 1)
		want := 2 * math.Sqrt2 / math.Pi * eb * math.Exp(-eb)
		if !closeRel(got, want, 1e-14) {
			t.Errorf("E_b = %v: KramersRate = %v, want %v", eb, got, want)
		}
		if got2 := KramersRate(8*eb, 4*eb, eb, 2); !closeRel(got2, want/2, 1e-14) {
			t.Errorf("E_b = %v, γ = 2, |U''(b)| given positive: %v, want %v", eb, got2, want/2)
		}
	}
	for _, args := range [][4]float64{{0, -1, 1, 1}, {-1, -1, 1, 1}, {1, -1, 1, 0}, {math.NaN(), -1, 1, 1}} {
		if got := KramersRate(args[0], args[1], args[2], args[3]); !math.IsNaN(got) {
			t.Errorf("KramersRate%v = %v, want NaN", args, got)
		}
	}
}
