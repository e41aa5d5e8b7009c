package shop

import "testing"

func TestRefundsCentsRoundsHalfAwayFromZero(t *testing.T) {
	for _, tt := range []struct{ in, want Money }{
		{0, 0}, {1, 0}, {49, 0}, {50, 100}, {12_3449, 12_3400}, {12_3450, 12_3500}, {-50, -100}, {-49, 0},
	} {
		if got := tt.in.Cents(); got != tt.want {
			t.Errorf("%s.Cents() = %s, want %s", tt.in.Decimal(), got.Decimal(), tt.want.Decimal())
		}
	}
}

// A line whose tax has four decimals is quoted in cents, the rounding
// shown, and a refund of it is recorded in cents.
func TestRefundsQuoteRoundsToCents(t *testing.T) {
	o := &Order{ID: 1, StatusID: 11, TaxRate: 800, PaymentMethod: "Credit Card",
		Lines: []*Line{{ID: 7, Quantity: 3, Price: 12_9900}}} // 12.99 + 1.0392 tax
	q, err := o.quote([]RefundItem{{Type: "PRODUCT", ItemID: 7, Quantity: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if q.Total != 14_0300 || q.Rounding != 8 || q.Tax != 1_0392 {
		t.Errorf("quote total %s rounding %s tax %s, want 14.0300, 0.0008, 1.0392", q.Total.Decimal(), q.Rounding.Decimal(), q.Tax.Decimal())
	}
	if m := q.Methods[len(q.Methods)-1]; len(m) != 1 || m[0].ProviderID != "testgateway" || m[0].Amount != 14_0300 {
		t.Errorf("gateway method = %+v", m)
	}
}
