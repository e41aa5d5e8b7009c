package shop

import (
	"math"
	"strconv"
	"strings"
)

// Money is an amount in ten-thousandths of the currency unit: BigCommerce's
// v2 API gives money with four decimals ("12.0000"), so every amount it can
// show is exact here.
type Money int64

// Unit is one unit of the currency (1.0000).
const Unit Money = 10_000

// Decimal renders m with four decimals, as v2 does: "12.0000".
func (m Money) Decimal() string {
	var buf [24]byte
	b := buf[:0]
	if m < 0 {
		b, m = append(b, '-'), -m
	}
	b = strconv.AppendInt(b, int64(m/Unit), 10)
	frac := int64(m % Unit)
	b = append(b, '.', byte('0'+frac/1000), byte('0'+frac/100%10), byte('0'+frac/10%10), byte('0'+frac%10))
	return string(b)
}

// Float returns m as a number, as v3 gives money.
func (m Money) Float() float64 { return float64(m) / float64(Unit) }

// Times returns m multiplied by n.
func (m Money) Times(n int) Money { return m * Money(n) }

// Rate returns m times basis points bp (1/10,000), rounded half up.
func (m Money) Rate(bp int) Money { return Money(math.Round(float64(m) * float64(bp) / 10_000)) }

// MoneyOf converts a JSON number or a decimal string ("12.5", "12.0000")
// into Money; ok is false for anything else, or more than four decimals.
func MoneyOf(v any) (Money, bool) {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 1e12 {
			return 0, false
		}
		return Money(math.Round(x * float64(Unit))), true
	case string:
		return parseDecimal(x)
	}
	return 0, false
}

func parseDecimal(s string) (Money, bool) {
	s = strings.TrimSpace(s)
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 4 || whole == "" || whole == "-" {
		return 0, false
	}
	frac += strings.Repeat("0", 4-len(frac))
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > 1e12 || w < -1e12 {
		return 0, false
	}
	f, err := strconv.ParseUint(frac, 10, 16)
	if err != nil {
		return 0, false
	}
	m := Money(w)*Unit + Money(f)
	if strings.HasPrefix(whole, "-") {
		m = Money(w)*Unit - Money(f)
	}
	return m, true
}
