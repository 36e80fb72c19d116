// Package certs creates the certificate authority and serving
// certificates of a control plane.
package certs

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"

	kubeadmconstants "k8s.io/kubernetes/pkg/kubeadm/constants"
)

// CertConfig contains the basic fields required for creating a certificate.
type CertConfig struct {
	CommonName   string
	Organization []string
	AltNames     AltNames
	Usages       []x509.ExtKeyUsage
	NotAfter     time.Duration
}

// AltNames contains the domain names and IP addresses for the subject alternative name extension.
type AltNames struct {
	DNSNames []string
	IPs      []net.IP
}

// NewPrivateKey creates an ECDSA P-256 private key.
func NewPrivateKey() (crypto.Signer, error) {
	return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
}

func serialNumber() (*big.Int, error) {
	return rand.Int(rand.Reader, new(big.Int).SetInt64(math.MaxInt64-1))
}

// NewCertificateAuthority creates a self-signed CA certificate and key.
func NewCertificateAuthority(commonName string, now time.Time) (*x509.Certificate, crypto.Signer, error) {
	key, err := NewPrivateKey()
	if err != nil {
		return nil, nil, err
	}
	serial, err := serialNumber()
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: commonName},
		DNSNames:              []string{commonName},
		NotBefore:             now.UTC(),
		NotAfter:              now.Add(kubeadmconstants.CACertificateValidity).UTC(),
		KeyUsage:              x509.KeyUsageKeyEncipherment | x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return cert, key, err
}

// NewSignedCert creates a signed certificate using the given CA certificate and key.
func NewSignedCert(cfg *CertConfig, key crypto.Signer, caCert *x509.Certificate, caKey crypto.Signer, now time.Time) (*x509.Certificate, error) {
	if cfg.CommonName == "" {
		return nil, errors.New("must specify a CommonName")
	}
	if len(cfg.Usages) == 0 {
		return nil, errors.New("must specify at least one ExtKeyUsage")
	}
	serial, err := serialNumber()
	if err != nil {
		return nil, err
	}
	notAfter := cfg.NotAfter
	if notAfter == 0 {
		notAfter = kubeadmconstants.CertificateValidity
	}
	tmpl := &x509.Certificate{
		Subject:      pkix.Name{CommonName: cfg.CommonName, Organization: cfg.Organization},
		DNSNames:     cfg.AltNames.DNSNames,
		IPAddresses:  cfg.AltNames.IPs,
		SerialNumber: serial,
		NotBefore:    caCert.NotBefore,
		NotAfter:     now.Add(notAfter).UTC(),
		KeyUsage:     x509.KeyUsageKeyEncipherment | x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  cfg.Usages,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, key.Public(), caKey)
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(der)
}

// GetAPIServerAltNames builds the SANs of the API server serving certificate.
func GetAPIServerAltNames(nodeName string, advertiseAddress net.IP, serviceSubnet string, dnsDomain string) (*AltNames, error) {
	_, svcNet, err := net.ParseCIDR(serviceSubnet)
	if err != nil {
		return nil, fmt.Errorf("error parsing service subnet %q: %v", serviceSubnet, err)
	}
	internalAPIServerVirtualIP := make(net.IP, len(svcNet.IP))
	copy(internalAPIServerVirtualIP, svcNet.IP)
	internalAPIServerVirtualIP[len(internalAPIServerVirtualIP)-1]++
	names := &AltNames{
		DNSNames: []string{
			nodeName,
			"kubernetes",
			"kubernetes.default",
			"kubernetes.default.svc",
			fmt.Sprintf("kubernetes.default.svc.%s", dnsDomain),
		},
		IPs: []net.IP{internalAPIServerVirtualIP},
	}
	if advertiseAddress != nil {
		names.IPs = append(names.IPs, advertiseAddress)
	}
	return names, nil
}

// WriteCertAndKey stores certificate and key at the specified location as PEM.
func WriteCertAndKey(pkiPath, name string, cert *x509.Certificate, key crypto.Signer) error {
	if err := os.MkdirAll(pkiPath, 0o700); err != nil {
		return err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(pkiPath, name+".key"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(pkiPath, name+".crt"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}), 0o644)
}

// CreatePKIAssets writes the CA and the API server serving certificate into pkiPath.
func CreatePKIAssets(pkiPath, nodeName string, advertiseAddress net.IP, now time.Time) ([]string, error) {
	caCert, caKey, err := NewCertificateAuthority("kubernetes", now)
	if err != nil {
		return nil, err
	}
	if err := WriteCertAndKey(pkiPath, kubeadmconstants.CACertAndKeyBaseName, caCert, caKey); err != nil {
		return nil, err
	}
	altNames, err := GetAPIServerAltNames(nodeName, advertiseAddress, kubeadmconstants.DefaultServicesSubnet, kubeadmconstants.DefaultServiceDNSDomain)
	if err != nil {
		return nil, err
	}
	key, err := NewPrivateKey()
	if err != nil {
		return nil, err
	}
	cert, err := NewSignedCert(&CertConfig{
		CommonName: kubeadmconstants.APIServerCertCommonName,
		AltNames:   *altNames,
		Usages:     []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}, key, caCert, caKey, now)
	if err != nil {
		return nil, err
	}
	if err := WriteCertAndKey(pkiPath, kubeadmconstants.APIServerCertAndKeyBaseName, cert, key); err != nil {
		return nil, err
	}
	return []string{kubeadmconstants.CACertAndKeyBaseName, kubeadmconstants.APIServerCertAndKeyBaseName}, nil
}
