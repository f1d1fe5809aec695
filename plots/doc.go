// Package plots draws the figures of landauer with gonum/plot: the mean work
// of erasure against its duration and against its error rate (with the
// bounds computed from their formulas in package erasure), work histograms
// in the Jarzynski/Crooks view, snapshots of the potential and the density
// during a protocol, and the retention of a stored bit.
//
// Figures are built from data only (Series of Points, Histograms,
// Snapshots), never from typed numbers; converters make Series from
// erasure.Result values (WorkVsDuration, WorkVsError, ErrorVsDuration).
// Every figure keeps the numbers it draws, and Save writes them as CSV
// beside the image.
//
// # Style
//
// Style fixes the printed size: SingleColumn (3.4 in) and DoubleColumn
// (7 in), with 9/8 pt (10/9 pt) labels and ticks, Okabe & Ito's
// colour-blind-safe palette, and one marker shape and dash pattern per
// series group, so that series stay apart in grey print. Frames are boxed
// with inward ticks on all four sides, as in physics journals.
//
// # Text and glyphs
//
// All text is written once in a small LaTeX subset ($\langle W\rangle/kT$,
// $\tau$, $\varepsilon$, $10^{-15}$). The .tex output hands it to LaTeX
// verbatim. For PNG and SVG it is drawn with gonum's Liberation Serif fonts:
// math letters in italic, scripts smaller and raised, TeX's spacing around
// operators. Liberation has τ, ε, Δ, ∞, − and ½ but neither the
// mathematical angle brackets ⟨ ⟩ (U+27E8/9) nor the CJK ones 〈 〉
// (U+3008/9), and no font in the module graph has them (the Go fonts lack
// them too), so ⟨ and ⟩ are drawn as two strokes each, sized like
// Liberation's parentheses. Callers' labels in Unicode (⟨W⟩, τ, ε) are
// turned into the subset by the same rules, so both outputs read alike.
//
// # Formats
//
// Save chooses by extension: .png (raster at Style.DPI), .svg, .tex (an
// \input-able PGF fragment for a document with \usepackage{pgf}) and .pdf.
// gonum's vgpdf encodes text in Windows-1252, so τ, ε and Δ would print as
// garbage: Save refuses .pdf for a figure whose text has a character outside
// Windows-1252 (all but plain-Latin figures), saying so and pointing to .tex
// and .svg. Files are written atomically (temporary file and rename).
//
// # Log axes
//
// A value ≤ 0 on a log axis (a point, an error-bar end, a zero error rate)
// is drawn at the axis minimum, and a point with a non-finite coordinate
// is dropped; Figure.Warnings counts both per series. Drawing never panics
// on such data (log axes are drawn as linear axes in log10 of the value).
// A Monte Carlo error rate with no error seen is drawn as an upper limit:
// a bar at the upper end of its confidence interval with an arrow.
package plots
