package kubeapiserver

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	v1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func do(t *testing.T, h http.Handler, method, path, body string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	return rec
}

func TestServerPodLifecycle(t *testing.T) {
	s, err := NewServer(NewServerRunOptions())
	if err != nil {
		t.Fatal(err)
	}
	pod := `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},"spec":{"containers":[{"name":"app","image":"nginx"}]}}`
	if rec := do(t, s.Handler, "POST", "/api/v1/namespaces/default/pods", pod); rec.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	if rec := do(t, s.Handler, "POST", "/api/v1/namespaces/default/pods", pod); rec.Code != http.StatusConflict {
		t.Errorf("duplicate create: %d", rec.Code)
	}
	if rec := do(t, s.Handler, "POST", "/api/v1/namespaces/default/pods/web/binding", `{"target":{"name":"node-1"}}`); rec.Code != http.StatusCreated {
		t.Fatalf("bind: %d %s", rec.Code, rec.Body)
	}
	rec := do(t, s.Handler, "GET", "/api/v1/namespaces/default/pods/web", "")
	var got v1.Pod
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Spec.NodeName != "node-1" || got.Spec.RestartPolicy != v1.RestartPolicyAlways || got.Kind != "Pod" {
		t.Errorf("unexpected pod: node=%q restartPolicy=%q kind=%q", got.Spec.NodeName, got.Spec.RestartPolicy, got.Kind)
	}
	if rec := do(t, s.Handler, "GET", "/api/v1/namespaces/default/pods/missing", ""); rec.Code != http.StatusNotFound {
		t.Errorf("missing pod: %d", rec.Code)
	}
}

func TestServerDiscoveryIncludesCRDs(t *testing.T) {
	s, err := NewServer(NewServerRunOptions())
	if err != nil {
		t.Fatal(err)
	}
	crd := &apiextensionsv1.CustomResourceDefinition{
		ObjectMeta: metav1.ObjectMeta{Name: "widgets.example.com"},
		Spec: apiextensionsv1.CustomResourceDefinitionSpec{
			Group:    "example.com",
			Names:    apiextensionsv1.CustomResourceDefinitionNames{Plural: "widgets", Kind: "Widget"},
			Scope:    apiextensionsv1.NamespaceScoped,
			Versions: []apiextensionsv1.CustomResourceDefinitionVersion{{Name: "v1", Served: true, Storage: true}},
		},
	}
	if err := s.EstablishCRD(crd); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.Routes(), " "); got != "apiextensions.k8s.io/v1 core/v1 example.com/v1" {
		t.Errorf("routes = %q", got)
	}
	if rec := do(t, s.Handler, "GET", "/apis/example.com/v1/namespaces/ns/widgets", ""); rec.Code != http.StatusOK {
		t.Errorf("list widgets: %d %s", rec.Code, rec.Body)
	}
}

func TestServiceIPRangeFirstIP(t *testing.T) {
	ip, err := ServiceIPRangeFirstIP("10.96.0.0/12")
	if err != nil || ip.String() != "10.96.0.1" {
		t.Errorf("got %v, %v", ip, err)
	}
	if _, err := ServiceIPRangeFirstIP("10.0.0.0/32"); err == nil {
		t.Error("expected error for a /32 range")
	}
}
