package carplib

import (
	"strings"
	"testing"
)

const header = " NOMBRE : tiny\n COMENTARIO : 10 (cota superior)\n VERTICES : 3\n ARISTAS_REQ : 2\n" +
	" ARISTAS_NOREQ : 1\n VEHICULOS : 1\n CAPACIDAD : 5\n TIPO_COSTES_ARISTAS : EXPLICITOS\n COSTE_TOTAL_REQ : 7\n"

func TestRead(t *testing.T) {
	in, err := Read(strings.NewReader(header+" LISTA_ARISTAS_REQ :\n ( 1, 2)  coste 3 demanda 2\n (2,3)   coste 4   demanda 1\r\n"+
		" LISTA_ARISTAS_NOREQ :\n ( 3, 1)   coste 9\n DEPOSITO :   2\n"), "x.dat")
	if err != nil {
		t.Fatal(err)
	}
	want := Instance{Name: "tiny", Vertices: 3, Vehicles: 1, Capacity: 5, Depot: 2,
		Required: []Edge{{1, 2, 3, 2}, {2, 3, 4, 1}}, Other: []Edge{{3, 1, 9, 0}}}
	if in.Name != want.Name || in.Vertices != want.Vertices || in.Vehicles != want.Vehicles ||
		in.Capacity != want.Capacity || in.Depot != want.Depot ||
		len(in.Required) != 2 || in.Required[0] != want.Required[0] || in.Required[1] != want.Required[1] ||
		len(in.Other) != 1 || in.Other[0] != want.Other[0] {
		t.Fatalf("loaded %+v, want %+v", *in, want)
	}
}

func TestReadErrors(t *testing.T) {
	req := " LISTA_ARISTAS_REQ :\n ( 1, 2)  coste 3 demanda 2\n (2,3) coste 4 demanda 1\n LISTA_ARISTAS_NOREQ :\n ( 3, 1) coste 9\n"
	for name, tc := range map[string]struct{ text, want string }{
		"count":    {header + " LISTA_ARISTAS_REQ :\n ( 1, 2)  coste 3 demanda 2\n DEPOSITO : 1\n", "ARISTAS_REQ says 2"},
		"vertex":   {header + " LISTA_ARISTAS_REQ :\n ( 1, 4)  coste 3 demanda 2\n", "line 11: edge ends"},
		"demand":   {header + " LISTA_ARISTAS_REQ :\n ( 1, 2)  coste 3 demanda x\n", "line 11: edge demanda"},
		"missing":  {header + " LISTA_ARISTAS_REQ :\n ( 1, 2)  coste 3\n", "line 11: edge: want coste N demanda"},
		"outside":  {header + " ( 1, 2)  coste 3 demanda 1\n", "line 10: edge outside"},
		"depot":    {header + req + " DEPOSITO : 4\n", "DEPOSITO"},
		"capacity": {strings.Replace(header, "5", "none", 1) + req, "line 7: CAPACIDAD"},
		"costs":    {strings.Replace(header, "EXPLICITOS", "EUCLIDEOS", 1), "only EXPLICITOS"},
		"garbage":  {header + "what\n", "line 10: want"},
	} {
		_, err := Read(strings.NewReader(tc.text), "x.dat")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", name, err, tc.want)
		}
	}
}
