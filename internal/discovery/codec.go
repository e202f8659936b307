package discovery

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sync"
	"unsafe"

	"zjtx/internal/profile"
)

// The population store keeps profiles in a compact binary encoding, not as
// JSON documents: reading a million stored profiles back must take seconds,
// and decoding JSON (with its checks) costs about 40 µs a profile, 40 s for a
// million. The encoding follows the profile's Go types field by field
// (varints, length-prefixed strings, a presence byte before each pointer and
// each slice, so unknown stays apart from zero and a nil list from an empty
// one) and is only ever read by the same program version that checks it:
// codecVersion leads every block and changes with the profile's types.
//
// The codec is compiled once from the types by reflection; decoding hands
// out pointed-to scalars from slabs (one allocation per few thousand values
// instead of one per value), as batch.Synthetic does.

// codecVersion is the first byte of every encoded block: a hash of the
// profile's type layout, so a block written by a program with other profile
// types is refused, not misread.
var codecVersion = layoutHash(reflect.TypeFor[profile.Profile]())

// ErrCodec is returned for a block that is not in this program's encoding.
var ErrCodec = errors.New("discovery: stored profiles are not in this version's encoding")

type encFn func(b []byte, p unsafe.Pointer) []byte
type decFn func(d *decoder, p unsafe.Pointer)

type codec struct {
	enc encFn
	dec decFn
}

var (
	codecMu    sync.Mutex
	codecCache = map[reflect.Type]*codec{}
	profCodec  = codecFor(reflect.TypeFor[profile.Profile]())
)

// codecFor compiles the codec of a type; recursive types get a codec whose
// functions are filled in before use.
func codecFor(t reflect.Type) *codec {
	codecMu.Lock()
	if c, ok := codecCache[t]; ok {
		codecMu.Unlock()
		return c
	}
	c := &codec{}
	codecCache[t] = c
	codecMu.Unlock()
	c.enc, c.dec = compile(t)
	return c
}

// sliceHeader is the layout of a Go slice, to fill one without reflection.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// compile builds the functions that encode and decode a value of type t at
// an address. They work on addresses and field offsets rather than
// reflect.Values: reflection per value cost 15 µs a profile, this 2–3.
func compile(t reflect.Type) (encFn, decFn) {
	switch t.Kind() {
	case reflect.Bool:
		return func(b []byte, p unsafe.Pointer) []byte {
				if *(*bool)(p) {
					return append(b, 1)
				}
				return append(b, 0)
			}, func(d *decoder, p unsafe.Pointer) {
				*(*bool)(p) = d.byte() == 1
			}
	case reflect.Int, reflect.Int64:
		return func(b []byte, p unsafe.Pointer) []byte { return binary.AppendVarint(b, *(*int64)(p)) },
			func(d *decoder, p unsafe.Pointer) { *(*int64)(p) = d.varint() }
	case reflect.Int32:
		return func(b []byte, p unsafe.Pointer) []byte { return binary.AppendVarint(b, int64(*(*int32)(p))) },
			func(d *decoder, p unsafe.Pointer) { *(*int32)(p) = int32(d.varint()) }
	case reflect.Int16:
		return func(b []byte, p unsafe.Pointer) []byte { return binary.AppendVarint(b, int64(*(*int16)(p))) },
			func(d *decoder, p unsafe.Pointer) { *(*int16)(p) = int16(d.varint()) }
	case reflect.Int8:
		return func(b []byte, p unsafe.Pointer) []byte { return binary.AppendVarint(b, int64(*(*int8)(p))) },
			func(d *decoder, p unsafe.Pointer) { *(*int8)(p) = int8(d.varint()) }
	case reflect.Float64:
		return func(b []byte, p unsafe.Pointer) []byte {
				return binary.LittleEndian.AppendUint64(b, math.Float64bits(*(*float64)(p)))
			}, func(d *decoder, p unsafe.Pointer) {
				*(*float64)(p) = math.Float64frombits(d.fixed64())
			}
	case reflect.String:
		return func(b []byte, p unsafe.Pointer) []byte {
				s := *(*string)(p)
				return append(binary.AppendUvarint(b, uint64(len(s))), s...)
			}, func(d *decoder, p unsafe.Pointer) {
				*(*string)(p) = d.str()
			}
	case reflect.Pointer:
		elem := codecFor(t.Elem())
		slot := slabSlot(t.Elem())
		return func(b []byte, p unsafe.Pointer) []byte {
				q := *(*unsafe.Pointer)(p)
				if q == nil {
					return append(b, 0)
				}
				return elem.enc(append(b, 1), q)
			}, func(d *decoder, p unsafe.Pointer) {
				if d.byte() == 0 {
					return
				}
				q := d.alloc(slot)
				elem.dec(d, q)
				*(*unsafe.Pointer)(p) = q
			}
	case reflect.Slice:
		elem := codecFor(t.Elem())
		size := t.Elem().Size()
		return func(b []byte, p unsafe.Pointer) []byte {
				h := (*sliceHeader)(p)
				if h.data == nil {
					return append(b, 0)
				}
				b = binary.AppendUvarint(b, uint64(h.len)+1)
				for i := range h.len {
					b = elem.enc(b, unsafe.Add(h.data, uintptr(i)*size))
				}
				return b
			}, func(d *decoder, p unsafe.Pointer) {
				n := d.uvarint()
				if n == 0 {
					return
				}
				n--
				if n > uint64(len(d.b)) { // each element takes a byte at least
					d.fail()
					return
				}
				s := reflect.MakeSlice(t, int(n), int(n)) // non-nil even when empty
				h := (*sliceHeader)(p)
				h.data, h.len, h.cap = s.UnsafePointer(), int(n), int(n)
				for i := range int(n) {
					elem.dec(d, unsafe.Add(h.data, uintptr(i)*size))
				}
			}
	case reflect.Map:
		if t.Key().Kind() != reflect.Int {
			panic(fmt.Sprintf("discovery: codec: map key %s", t.Key()))
		}
		val := codecFor(t.Elem())
		return func(b []byte, p unsafe.Pointer) []byte {
				v := reflect.NewAt(t, p).Elem()
				if v.IsNil() {
					return append(b, 0)
				}
				keys := v.MapKeys()
				slices.SortFunc(keys, func(x, y reflect.Value) int { return int(x.Int() - y.Int()) })
				b = binary.AppendUvarint(b, uint64(len(keys))+1)
				e := reflect.New(t.Elem()).Elem()
				for _, k := range keys {
					b = binary.AppendVarint(b, k.Int())
					e.Set(v.MapIndex(k))
					b = val.enc(b, e.Addr().UnsafePointer())
				}
				return b
			}, func(d *decoder, p unsafe.Pointer) {
				n := d.uvarint()
				if n == 0 {
					return
				}
				n--
				if n > uint64(len(d.b)) {
					d.fail()
					return
				}
				m := reflect.MakeMapWithSize(t, int(n))
				k := reflect.New(t.Key()).Elem()
				e := reflect.New(t.Elem()).Elem()
				for range int(n) {
					k.SetInt(d.varint())
					e.SetZero()
					val.dec(d, e.Addr().UnsafePointer())
					m.SetMapIndex(k, e)
				}
				reflect.NewAt(t, p).Elem().Set(m)
			}
	case reflect.Struct:
		type field struct {
			c   *codec
			off uintptr
		}
		fields := make([]field, t.NumField())
		for i := range fields {
			f := t.Field(i)
			if !f.IsExported() {
				panic(fmt.Sprintf("discovery: codec: unexported field %s.%s", t, f.Name))
			}
			fields[i] = field{codecFor(f.Type), f.Offset}
		}
		return func(b []byte, p unsafe.Pointer) []byte {
				for _, f := range fields {
					b = f.c.enc(b, unsafe.Add(p, f.off))
				}
				return b
			}, func(d *decoder, p unsafe.Pointer) {
				for _, f := range fields {
					f.c.dec(d, unsafe.Add(p, f.off))
				}
			}
	}
	panic(fmt.Sprintf("discovery: codec: type %s", t))
}

// layoutHash is a short hash of a type's layout (field names and kinds, recursively).
func layoutHash(t reflect.Type) byte {
	h := uint32(2166136261)
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	mix := func(s string) {
		for i := 0; i < len(s); i++ {
			h = (h ^ uint32(s[i])) * 16777619
		}
	}
	walk = func(t reflect.Type) {
		mix(t.Kind().String())
		if seen[t] {
			return
		}
		seen[t] = true
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice:
			walk(t.Elem())
		case reflect.Map:
			walk(t.Key())
			walk(t.Elem())
		case reflect.Struct:
			for i := range t.NumField() {
				mix(t.Field(i).Name)
				walk(t.Field(i).Type)
			}
		}
	}
	walk(t)
	return byte(h) | 1 // never 0
}

// decoder reads one block; a short or malformed block sets err.
type decoder struct {
	b     []byte
	err   bool
	slabs []slab // by slabSlot
}

// slabTypes are the pointed-to types, by their slab's index in a decoder.
var slabTypes []reflect.Type

// slabSlot returns the index of t's slab. It runs while the codec compiles,
// once, during package initialisation.
func slabSlot(t reflect.Type) int {
	if i := slices.Index(slabTypes, t); i >= 0 {
		return i
	}
	slabTypes = append(slabTypes, t)
	return len(slabTypes) - 1
}

type slab struct {
	base unsafe.Pointer
	size uintptr
	i    int
}

// slabSize is how many values of one type a slab holds.
const slabSize = 2048

// alloc returns a pointer to a new zero value of t, carved from a slab of
// values of t (so the garbage collector knows what the memory holds).
func (d *decoder) alloc(slot int) unsafe.Pointer {
	s := &d.slabs[slot]
	if s.base == nil || s.i == slabSize {
		t := slabTypes[slot]
		s.base, s.size, s.i = reflect.MakeSlice(reflect.SliceOf(t), slabSize, slabSize).UnsafePointer(), t.Size(), 0
	}
	p := unsafe.Add(s.base, uintptr(s.i)*s.size)
	s.i++
	return p
}

func (d *decoder) fail() { d.err, d.b = true, nil }

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) fixed64() uint64 {
	if len(d.b) < 8 {
		d.fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

func (d *decoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// EncodeProfiles appends the encoding of profiles to b: the codec version,
// the count, then each profile.
func EncodeProfiles(b []byte, ps []*profile.Profile) []byte {
	b = append(b, codecVersion)
	b = binary.AppendUvarint(b, uint64(len(ps)))
	for _, p := range ps {
		b = profCodec.enc(b, unsafe.Pointer(p))
	}
	return b
}

// DecodeProfiles decodes a block written by EncodeProfiles.
func DecodeProfiles(b []byte) ([]*profile.Profile, error) {
	if len(b) == 0 || b[0] != codecVersion {
		return nil, ErrCodec
	}
	d := &decoder{b: b[1:], slabs: make([]slab, len(slabTypes))}
	n := d.uvarint()
	if d.err || n > uint64(len(d.b)) {
		return nil, ErrCodec
	}
	ps := make([]profile.Profile, n)
	out := make([]*profile.Profile, n)
	for i := range ps {
		profCodec.dec(d, unsafe.Pointer(&ps[i]))
		if d.err {
			return nil, ErrCodec
		}
		out[i] = &ps[i]
	}
	if len(d.b) != 0 {
		return nil, ErrCodec
	}
	return out, nil
}
