// Package carplib reads the classic capacitated arc-routing instances (gdb, val, egl) in the
// CARPLIB format of Belenguer's CARP page, used to measure the arc-routing solver.
package carplib

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Edge is an undirected edge between two vertices numbered from 1. Demand is zero for an edge
// that is walked but need not be served.
type Edge struct {
	U, V   int
	Cost   int64
	Demand int64
}

// Instance is one CARP problem: every required edge is served once by a vehicle that leaves the
// depot and comes back to it, serving at most Capacity.
type Instance struct {
	Name     string
	Vertices int
	// Vehicles is the fleet size the file states; in the literature it is a lower bound on the
	// number of routes, not a limit.
	Vehicles int
	Capacity int64
	Depot    int
	Required []Edge
	Other    []Edge
}

// Load reads the CARPLIB file at path.
func Load(path string) (*Instance, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f, path)
}

// Read reads an instance in the CARPLIB format from r, naming it path in errors: a header of
// "KEY : value" lines, the required edges "( i, j) coste C demanda D" after LISTA_ARISTAS_REQ,
// the others "( i, j) coste C" after LISTA_ARISTAS_NOREQ, and DEPOSITO.
func Read(r io.Reader, path string) (*Instance, error) {
	in := &Instance{}
	nReq, nOther := -1, -1
	var list *[]Edge // the edge list being read, if any
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || text == "END" {
			continue
		}
		if strings.HasPrefix(text, "(") {
			if list == nil {
				return nil, fmt.Errorf("%s line %d: edge outside an edge list", path, line)
			}
			e, err := parseEdge(text, list == &in.Required, in.Vertices)
			if err != nil {
				return nil, fmt.Errorf("%s line %d: %w", path, line, err)
			}
			*list = append(*list, e)
			continue
		}
		key, value, ok := strings.Cut(text, ":")
		if !ok {
			return nil, fmt.Errorf("%s line %d: want \"KEY : value\" or an edge", path, line)
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		list = nil
		var target *int
		switch key {
		case "NOMBRE":
			in.Name = value
		case "VERTICES":
			target = &in.Vertices
		case "ARISTAS_REQ":
			target = &nReq
		case "ARISTAS_NOREQ":
			target = &nOther
		case "VEHICULOS":
			target = &in.Vehicles
		case "DEPOSITO":
			target = &in.Depot
		case "CAPACIDAD":
			c, err := strconv.ParseInt(value, 10, 64)
			if err != nil || c <= 0 {
				return nil, fmt.Errorf("%s line %d: CAPACIDAD: want a positive integer", path, line)
			}
			in.Capacity = c
		case "TIPO_COSTES_ARISTAS":
			if value != "EXPLICITOS" {
				return nil, fmt.Errorf("%s line %d: TIPO_COSTES_ARISTAS is %q, only EXPLICITOS is supported", path, line, value)
			}
		case "LISTA_ARISTAS_REQ", "LISTA_ARISTAS_NOREQ":
			if in.Vertices <= 0 {
				return nil, fmt.Errorf("%s line %d: %s before VERTICES", path, line, key)
			}
			list = &in.Other
			if key == "LISTA_ARISTAS_REQ" {
				list = &in.Required
			}
		}
		if target != nil {
			v, err := strconv.Atoi(value)
			if err != nil || v < 0 {
				return nil, fmt.Errorf("%s line %d: %s: want a non-negative integer", path, line, key)
			}
			*target = v
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	switch {
	case nReq != len(in.Required):
		return nil, fmt.Errorf("%s: ARISTAS_REQ says %d required edges, the list has %d", path, nReq, len(in.Required))
	case nOther >= 0 && nOther != len(in.Other):
		return nil, fmt.Errorf("%s: ARISTAS_NOREQ says %d other edges, the list has %d", path, nOther, len(in.Other))
	case in.Capacity == 0:
		return nil, fmt.Errorf("%s: no CAPACIDAD", path)
	case in.Depot < 1 || in.Depot > in.Vertices:
		return nil, fmt.Errorf("%s: DEPOSITO: want a vertex in 1..%d", path, in.Vertices)
	}
	return in, nil
}

// parseEdge reads "( i, j) coste C" followed, for a required edge, by "demanda D".
func parseEdge(text string, required bool, vertices int) (Edge, error) {
	ends, rest, ok := strings.Cut(strings.TrimPrefix(text, "("), ")")
	if !ok {
		return Edge{}, fmt.Errorf("edge: want \"( i, j)\"")
	}
	a, b, ok := strings.Cut(ends, ",")
	u, errU := strconv.Atoi(strings.TrimSpace(a))
	v, errV := strconv.Atoi(strings.TrimSpace(b))
	if !ok || errU != nil || errV != nil || u < 1 || v < 1 || u > vertices || v > vertices {
		return Edge{}, fmt.Errorf("edge ends: want two vertices in 1..%d", vertices)
	}
	fields := strings.Fields(rest)
	want := []string{"coste"}
	if required {
		want = append(want, "demanda")
	}
	if len(fields) != 2*len(want) {
		return Edge{}, fmt.Errorf("edge: want %s after the ends", strings.Join(want, " N "))
	}
	e := Edge{U: u, V: v}
	for k, name := range want {
		n, err := strconv.ParseInt(fields[2*k+1], 10, 64)
		if fields[2*k] != name || err != nil || n < 0 {
			return Edge{}, fmt.Errorf("edge %s: want a non-negative integer", name)
		}
		if k == 0 {
			e.Cost = n
		} else {
			e.Demand = n
		}
	}
	return e, nil
}
