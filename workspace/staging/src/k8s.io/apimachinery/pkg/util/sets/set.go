// Package sets provides a generic set type.
package sets

import "sort"

// Empty is the zero-size value stored in a Set.
type Empty struct{}

// Set is a set of comparable values, implemented via map[T]Empty for
// minimal memory consumption.
type Set[T comparable] map[T]Empty

// New creates a Set from a list of values.
func New[T comparable](items ...T) Set[T] {
	s := make(Set[T], len(items))
	s.Insert(items...)
	return s
}

// KeySet creates a Set from the keys of a map.
func KeySet[T comparable, V any](m map[T]V) Set[T] {
	s := make(Set[T], len(m))
	for k := range m {
		s[k] = Empty{}
	}
	return s
}

// Insert adds items to the set.
func (s Set[T]) Insert(items ...T) Set[T] {
	for _, item := range items {
		s[item] = Empty{}
	}
	return s
}

// Delete removes items from the set.
func (s Set[T]) Delete(items ...T) Set[T] {
	for _, item := range items {
		delete(s, item)
	}
	return s
}

// Has reports whether item is in the set.
func (s Set[T]) Has(item T) bool {
	_, ok := s[item]
	return ok
}

// HasAll reports whether all items are in the set.
func (s Set[T]) HasAll(items ...T) bool {
	for _, item := range items {
		if !s.Has(item) {
			return false
		}
	}
	return true
}

// HasAny reports whether any of items is in the set.
func (s Set[T]) HasAny(items ...T) bool {
	for _, item := range items {
		if s.Has(item) {
			return true
		}
	}
	return false
}

// Clone returns a copy of the set.
func (s Set[T]) Clone() Set[T] {
	out := make(Set[T], len(s))
	for k := range s {
		out[k] = Empty{}
	}
	return out
}

// Difference returns the items of s that are not in s2.
func (s Set[T]) Difference(s2 Set[T]) Set[T] {
	out := New[T]()
	for k := range s {
		if !s2.Has(k) {
			out.Insert(k)
		}
	}
	return out
}

// Union returns the items in either set.
func (s Set[T]) Union(s2 Set[T]) Set[T] {
	out := s.Clone()
	for k := range s2 {
		out.Insert(k)
	}
	return out
}

// Intersection returns the items in both sets.
func (s Set[T]) Intersection(s2 Set[T]) Set[T] {
	walk, other := s, s2
	if len(s) > len(s2) {
		walk, other = s2, s
	}
	out := New[T]()
	for k := range walk {
		if other.Has(k) {
			out.Insert(k)
		}
	}
	return out
}

// Equal reports whether both sets hold the same items.
func (s Set[T]) Equal(s2 Set[T]) bool {
	return len(s) == len(s2) && s.IsSuperset(s2)
}

// IsSuperset reports whether s contains every item of s2.
func (s Set[T]) IsSuperset(s2 Set[T]) bool {
	for k := range s2 {
		if !s.Has(k) {
			return false
		}
	}
	return true
}

// Len returns the number of items.
func (s Set[T]) Len() int { return len(s) }

// UnsortedList returns the items in map iteration order.
func (s Set[T]) UnsortedList() []T {
	out := make([]T, 0, len(s))
	for k := range s {
		out = append(out, k)
	}
	return out
}

// Ordered is satisfied by types with a natural order.
type Ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 | ~string
}

// List returns the items of an ordered set in ascending order.
func List[T Ordered](s Set[T]) []T {
	out := s.UnsortedList()
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// String is a set of strings, kept for callers that predate generics.
type String = Set[string]

// NewString creates a String set.
func NewString(items ...string) String { return New(items...) }
