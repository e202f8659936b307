package profile_test

import (
	"reflect"
	"testing"

	"zjtx/internal/profile"
)

// full returns a profile with every field set, built by reflection so that a
// field added to the types later is covered by these tests without edits.
func full() *profile.Profile {
	p := new(profile.Profile)
	fill(reflect.ValueOf(p).Elem(), 1)
	return p
}

func fill(v reflect.Value, n int) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[profile.Date]() {
			v.Set(reflect.ValueOf(profile.Date{Y: 2020, M: 1, D: n}))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			fill(v.Field(i), n+i)
		}
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for _, y := range []int{2024, 2025} {
			e := reflect.New(v.Type().Elem()).Elem()
			fill(e, n)
			m.SetMapIndex(reflect.ValueOf(y), e)
		}
		v.Set(m)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fill(s.Index(i), n+i)
		}
		v.Set(s)
	case reflect.String:
		v.SetString("s")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(n))
	default:
		panic("fill: unhandled kind " + v.Kind().String())
	}
}

// mutate changes every value reachable from v in place: through pointers,
// slice elements and map values, the way a careless caller would.
func mutate(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			mutate(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			mutate(v.Field(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			mutate(v.MapIndex(k)) // values are pointers: mutate what they point to
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			mutate(v.Index(i))
		}
	case reflect.String:
		v.SetString(v.String() + "!")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int64:
		v.SetInt(v.Int() + 7)
	}
}

// pointers collects the address of every pointer, slice backing array and
// map reachable from v.
func pointers(v reflect.Value, out map[uintptr]string, path string) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			out[v.Pointer()] = path
			pointers(v.Elem(), out, path)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			pointers(v.Field(i), out, path+"."+v.Type().Field(i).Name)
		}
	case reflect.Map:
		if !v.IsNil() {
			out[v.Pointer()] = path
			for _, k := range v.MapKeys() {
				pointers(v.MapIndex(k), out, path+"[k]")
			}
		}
	case reflect.Slice:
		if v.Cap() > 0 {
			out[v.Pointer()] = path
			for i := 0; i < v.Len(); i++ {
				pointers(v.Index(i), out, path+"[i]")
			}
		}
	}
}

func TestCloneEqual(t *testing.T) {
	for name, p := range map[string]*profile.Profile{
		"SpecExample": mustExample(t),
		"EveryField":  full(),
		"Empty":       {},
		"EmptyLists":  {IP: []profile.IP{}, Honors: []profile.Honor{}, Product: &profile.Product{Domains: []string{}}, Years: map[int]*profile.Year{}},
	} {
		t.Run(name, func(t *testing.T) {
			c := p.Clone()
			if !reflect.DeepEqual(c, p) {
				t.Fatalf("clone differs:\n got %+v\nwant %+v", c, p)
			}
			if p.IP != nil && c.IP == nil || p.Honors != nil && c.Honors == nil {
				t.Error("an empty list became unknown")
			}
		})
	}
	var nilProfile *profile.Profile
	if nilProfile.Clone() != nil {
		t.Error("nil.Clone() != nil")
	}
}

func TestCloneShareNothing(t *testing.T) {
	p := full()
	orig, clone := map[uintptr]string{}, map[uintptr]string{}
	pointers(reflect.ValueOf(p), orig, "p")
	pointers(reflect.ValueOf(p.Clone()), clone, "c")
	for addr, path := range clone {
		if o, ok := orig[addr]; ok {
			t.Errorf("clone %s shares memory with original %s", path, o)
		}
	}
}

func TestCloneIndependent(t *testing.T) {
	for name, mk := range map[string]func() *profile.Profile{
		"SpecExample": func() *profile.Profile { return mustExample(t) },
		"EveryField":  full,
	} {
		t.Run(name, func(t *testing.T) {
			p, pristine := mk(), mk()
			c := p.Clone()
			mutate(reflect.ValueOf(c))
			if reflect.DeepEqual(c, pristine) {
				t.Fatal("mutate changed nothing")
			}
			if !reflect.DeepEqual(p, pristine) {
				t.Error("mutating the clone changed the original")
			}

			// And through the path operations.
			c = p.Clone()
			for _, change := range [][2]string{
				{"years.2025.rd_expense", "1"}, {"years.2031.revenue", "5"}, {"flags.abnormal_list", "true"},
				{"product.market_share", "0.5"}, {"ip[0].kind", "design_patent"}, {"honors[0].valid_to", "2030-01-01"},
			} {
				if err := c.SetPath(change[0], change[1]); err != nil {
					t.Fatal(err)
				}
			}
			if err := c.AddPath("titles", []byte(`{"tier":"srdi"}`)); err != nil {
				t.Fatal(err)
			}
			if err := c.AddPath("product.domains", []byte(`"future"`)); err != nil {
				t.Fatal(err)
			}
			if err := c.UnsetPath("ip[0]"); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(p, pristine) {
				t.Error("changing the clone by path changed the original")
			}
		})
	}
}

// Appending to a list of the clone must not write into spare capacity of
// the original's backing array.
func TestCloneAppendDoesNotAlias(t *testing.T) {
	p := mustExample(t)
	p.IP = append(make([]profile.IP, 0, 8), p.IP...)
	c := p.Clone()
	c.IP = append(c.IP, profile.IP{Kind: profile.NewDrug})
	p.IP = append(p.IP, profile.IP{Kind: profile.ICLayout})
	if c.IP[1].Kind != profile.NewDrug {
		t.Errorf("clone's appended element became %s", c.IP[1].Kind)
	}
}
