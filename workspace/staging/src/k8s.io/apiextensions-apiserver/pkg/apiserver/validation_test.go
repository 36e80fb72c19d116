package apiserver

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
)

func widgetCRD() *apiextensionsv1.CustomResourceDefinition {
	return &apiextensionsv1.CustomResourceDefinition{
		ObjectMeta: metav1.ObjectMeta{Name: "widgets.example.com"},
		Spec: apiextensionsv1.CustomResourceDefinitionSpec{
			Group: "example.com",
			Names: apiextensionsv1.CustomResourceDefinitionNames{Plural: "widgets", Kind: "Widget"},
			Scope: apiextensionsv1.NamespaceScoped,
			Versions: []apiextensionsv1.CustomResourceDefinitionVersion{
				{Name: "v1", Served: true, Storage: true},
				{Name: "v1beta1", Served: false},
			},
		},
	}
}

func TestValidation(t *testing.T) {
	if errs := ValidateCustomResourceDefinition(widgetCRD()); len(errs) != 0 {
		t.Fatalf("unexpected errors: %v", errs)
	}
	bad := widgetCRD()
	bad.Name = "widgets"
	bad.Spec.Versions[1].Storage = true
	if errs := ValidateCustomResourceDefinition(bad); len(errs) != 2 {
		t.Errorf("expected 2 errors, got %v", errs)
	}
}

func TestServeCustomResources(t *testing.T) {
	c := New()
	if err := c.Establish(widgetCRD()); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	c.ServeHTTP(rec, httptest.NewRequest("POST", "/apis/example.com/v1/namespaces/ns/widgets",
		strings.NewReader(`{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w1"}}`)))
	if rec.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	c.ServeHTTP(rec, httptest.NewRequest("GET", "/apis/example.com/v1/namespaces/ns/widgets", nil))
	if !strings.Contains(rec.Body.String(), `"WidgetList"`) || !strings.Contains(rec.Body.String(), `"w1"`) {
		t.Errorf("list: %s", rec.Body)
	}
	rec = httptest.NewRecorder()
	c.ServeHTTP(rec, httptest.NewRequest("GET", "/apis/example.com/v1beta1/namespaces/ns/widgets", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("unserved version should 404, got %d", rec.Code)
	}
}
