package jsonx

import (
	"strings"
	"testing"
	"unsafe"
)

// wide stands for a struct far bigger than the "{}" it is decoded from.
type wide [512]byte

// decodeWides reads a list of objects into structs far bigger than "{}".
func decodeWides(data string) ([]wide, error) {
	d := NewDecoder([]byte(data))
	var out []wide
	if d.Array() {
		for d.Next() {
			if e := Append(d, &out); e != nil {
				d.Skip()
			}
		}
	}
	return out, d.Finish()
}

func TestAppendChargesTheBudget(t *testing.T) {
	// Within the floor: a small answer of any shape decodes.
	out, err := decodeWides("[{},{},{}]")
	if err != nil || len(out) != 3 {
		t.Fatalf("got %d, %v", len(out), err)
	}
	// Every element of a long list of {} would take 512 bytes for 3 of
	// input: the budget (8 per byte, plus the floor) runs out.
	n := 2 * AllocFloor / int(unsafe.Sizeof(wide{}))
	in := "[" + strings.Repeat("{},", n) + "{}]"
	out, err = decodeWides(in)
	if err == nil || !strings.Contains(err.Error(), "bytes of memory (8 per byte of input)") {
		t.Fatalf("got %d elements, %v", len(out), err)
	}
	limit := len(in)*AllocPerInputByte + AllocFloor
	if c := cap(out) * int(unsafe.Sizeof(wide{})); c > limit {
		t.Fatalf("capacity %d bytes exceeds the budget %d", c, limit)
	}
}

func TestChargeRefusesNegativeAndAfterError(t *testing.T) {
	d := NewDecoder([]byte("[]"))
	if d.Charge(-1) || d.Err() == nil {
		t.Fatal("a negative charge passed")
	}
	d.Reset([]byte("x"))
	d.Skip()
	if d.Charge(1) {
		t.Fatal("a charge passed after an error")
	}
	d.Reset([]byte("[]"))
	if !d.Charge(AllocFloor) || d.Charge(AllocFloor) {
		t.Fatal("the floor plus 8 bytes per input byte is the budget")
	}
}
