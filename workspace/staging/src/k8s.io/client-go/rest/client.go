package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/version"
)

// Interface is the verb-level contract used by the typed clients. The
// HTTP client in this package implements it; fakes implement it in memory.
type Interface interface {
	Get(ctx context.Context, gvr schema.GroupVersionResource, namespace, name string, into runtime.Object) error
	List(ctx context.Context, gvr schema.GroupVersionResource, namespace string, opts metav1.ListOptions, into runtime.Object) error
	Create(ctx context.Context, gvr schema.GroupVersionResource, namespace string, obj, into runtime.Object) error
	Update(ctx context.Context, gvr schema.GroupVersionResource, namespace, subresource string, obj, into runtime.Object) error
	Delete(ctx context.Context, gvr schema.GroupVersionResource, namespace, name string) error
}

// RESTClient talks JSON to a Kubernetes API server.
type RESTClient struct {
	base      *url.URL
	token     string
	userAgent string
	client    *http.Client
}

var _ Interface = &RESTClient{}

// RESTClientFor returns a RESTClient for the given config.
func RESTClientFor(config *Config) (*RESTClient, error) {
	if config.Host == "" {
		return nil, fmt.Errorf("host must be set")
	}
	host := config.Host
	if !strings.Contains(host, "://") {
		host = "https://" + host
	}
	base, err := url.Parse(host)
	if err != nil {
		return nil, err
	}
	ua := config.UserAgent
	if ua == "" {
		ua = DefaultKubernetesUserAgent()
	}
	return &RESTClient{
		base:      base,
		token:     config.BearerToken,
		userAgent: ua,
		client:    &http.Client{Timeout: config.Timeout},
	}, nil
}

// ResourcePath returns the API path of a resource collection or item.
func ResourcePath(gvr schema.GroupVersionResource, namespace, name, subresource string) string {
	parts := []string{"/api"}
	if gvr.Group != "" {
		parts = []string{"/apis", gvr.Group}
	}
	parts = append(parts, gvr.Version)
	if namespace != "" {
		parts = append(parts, "namespaces", namespace)
	}
	parts = append(parts, gvr.Resource)
	if name != "" {
		parts = append(parts, name)
	}
	if subresource != "" {
		parts = append(parts, subresource)
	}
	return path.Join(parts...)
}

func (c *RESTClient) do(ctx context.Context, method, p string, query url.Values, body any, into any) error {
	u := *c.base
	u.Path = path.Join(u.Path, p)
	u.RawQuery = query.Encode()
	var reader io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), reader)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		var status metav1.Status
		if json.Unmarshal(data, &status) == nil && status.Kind == "Status" {
			return apierrors.FromStatus(status)
		}
		return fmt.Errorf("the server returned %s: %s", resp.Status, bytes.TrimSpace(data))
	}
	if into == nil {
		return nil
	}
	return json.Unmarshal(data, into)
}

// Get fetches a single object.
func (c *RESTClient) Get(ctx context.Context, gvr schema.GroupVersionResource, namespace, name string, into runtime.Object) error {
	return c.do(ctx, http.MethodGet, ResourcePath(gvr, namespace, name, ""), nil, nil, into)
}

// List fetches a collection.
func (c *RESTClient) List(ctx context.Context, gvr schema.GroupVersionResource, namespace string, opts metav1.ListOptions, into runtime.Object) error {
	q := url.Values{}
	if opts.LabelSelector != "" {
		q.Set("labelSelector", opts.LabelSelector)
	}
	if opts.FieldSelector != "" {
		q.Set("fieldSelector", opts.FieldSelector)
	}
	if opts.Limit > 0 {
		q.Set("limit", fmt.Sprint(opts.Limit))
	}
	return c.do(ctx, http.MethodGet, ResourcePath(gvr, namespace, "", ""), q, nil, into)
}

// Create posts a new object.
func (c *RESTClient) Create(ctx context.Context, gvr schema.GroupVersionResource, namespace string, obj, into runtime.Object) error {
	return c.do(ctx, http.MethodPost, ResourcePath(gvr, namespace, "", ""), nil, obj, into)
}

// Update puts an object, or one of its subresources such as "status".
func (c *RESTClient) Update(ctx context.Context, gvr schema.GroupVersionResource, namespace, subresource string, obj, into runtime.Object) error {
	name := ""
	if accessor, ok := obj.(metav1.Object); ok {
		name = accessor.GetName()
	}
	return c.do(ctx, http.MethodPut, ResourcePath(gvr, namespace, name, subresource), nil, obj, into)
}

// Delete removes an object.
func (c *RESTClient) Delete(ctx context.Context, gvr schema.GroupVersionResource, namespace, name string) error {
	return c.do(ctx, http.MethodDelete, ResourcePath(gvr, namespace, name, ""), nil, nil, nil)
}

// ServerVersion retrieves the server's version information.
func (c *RESTClient) ServerVersion(ctx context.Context) (*version.Info, error) {
	var info version.Info
	if err := c.do(ctx, http.MethodGet, "/version", nil, nil, &info); err != nil {
		return nil, err
	}
	return &info, nil
}
