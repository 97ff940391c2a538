// Command acs3sign signs one Alibaba Cloud RPC request with the V3
// signature (ACS3-HMAC-SHA256) and prints what curl needs to send it: with
// -curl a whole curl command (method, headers and URL) for a shell to run;
// otherwise the request headers, one "Name: value" per line for
// curl -H @file, or with -url the URL with its canonical query string.
//
// The query parameters are signed in their canonical form, so the URL may
// list them in any order; the headers carry a fresh nonce and date, so
// sign again for every request. The access key comes from
// ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and
// ALIBABA_CLOUD_SECURITY_TOKEN for STS credentials), the variables the
// privatelink-emulator command prints.
//
//	eval "$(acs3sign -curl -action ListVpcEndpoints RegionId=cn-huhehaote)"
//
//	url=$(acs3sign -url -endpoint "$PRIVATELINK_EMULATOR_ENDPOINT" RegionId=cn-huhehaote)
//	acs3sign -endpoint "$PRIVATELINK_EMULATOR_ENDPOINT" -action ListVpcEndpoints RegionId=cn-huhehaote > headers
//	curl -s -X POST -H @headers "$url"
package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/privatelink-go/sdk/signer"
)

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr, time.Now()))
}

// run is the command, with its environment, output and clock as inputs.
func run(args []string, getenv func(string) string, stdout, stderr io.Writer, now time.Time) int {
	fs := flag.NewFlagSet("acs3sign", flag.ContinueOnError)
	fs.SetOutput(stderr)
	endpoint := fs.String("endpoint", getenv("PRIVATELINK_EMULATOR_ENDPOINT"), "base `URL` of the API (default $PRIVATELINK_EMULATOR_ENDPOINT)")
	action := fs.String("action", "", "the API action, e.g. ListVpcEndpoints")
	version := fs.String("version", "2020-04-15", "the API version")
	method := fs.String("method", "POST", "the HTTP method curl will use (-X)")
	printURL := fs.Bool("url", false, "print the URL with the canonical query instead of the headers")
	printCurl := fs.Bool("curl", false, "print a whole curl command (method, headers and URL) instead of the headers, for a shell to run: eval \"$(acs3sign -curl ...)\"")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: acs3sign [flags] [Name=value ...]

Signs an RPC request with ACS3-HMAC-SHA256 for curl. The parameters are
signed in the query string; sign again for every request (the headers
carry a fresh nonce and date).

Environment:
  PRIVATELINK_EMULATOR_ENDPOINT    default of -endpoint
  ALIBABA_CLOUD_ACCESS_KEY_ID      the access key to sign with
  ALIBABA_CLOUD_ACCESS_KEY_SECRET  its secret (never printed)
  ALIBABA_CLOUD_SECURITY_TOKEN     the STS token, for STS credentials

privatelink-emulator prints the first three. To sign as the provider
account, set the key variables to its PRIVATELINK_PROVIDER_ACCESS_KEY_ID
and PRIVATELINK_PROVIDER_ACCESS_KEY_SECRET.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var errs []error
	var params []signer.Param
	for _, a := range fs.Args() {
		k, v, ok := strings.Cut(a, "=")
		if !ok || k == "" {
			errs = append(errs, fmt.Errorf("parameter %q is not Name=value", a))
			continue
		}
		params = append(params, signer.Param{Key: k, Value: v})
	}
	u, err := url.Parse(*endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("-endpoint %q is not an http or https URL", *endpoint))
	}
	if *method != "GET" && *method != "POST" {
		errs = append(errs, fmt.Errorf("-method %q: want GET or POST", *method))
	}
	if *printURL {
		if len(errs) > 0 {
			return fail(stderr, errs)
		}
		u.Path, u.RawQuery = "/", signer.CanonicalQuery(params)
		fmt.Fprintln(stdout, u.String())
		return 0
	}
	keyID, secret := getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"), getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
	if *action == "" {
		errs = append(errs, errors.New("-action is required"))
	}
	if keyID == "" || secret == "" {
		errs = append(errs, errors.New("ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET must be set"))
	}
	if len(errs) > 0 {
		return fail(stderr, errs)
	}

	var nonce [16]byte
	_, _ = rand.Read(nonce[:])
	headers := []signer.Param{
		{Key: "host", Value: u.Host},
		{Key: "x-acs-action", Value: *action},
		{Key: "x-acs-version", Value: *version},
		{Key: "x-acs-date", Value: now.UTC().Format(signer.TimestampFormatV1)},
		{Key: "x-acs-signature-nonce", Value: hex.EncodeToString(nonce[:])},
		{Key: "x-acs-content-sha256", Value: signer.EmptyPayloadHash},
	}
	if token := getenv("ALIBABA_CLOUD_SECURITY_TOKEN"); token != "" {
		headers = append(headers, signer.Param{Key: "x-acs-security-token", Value: token})
	}
	sig := signer.SignV3(signer.V3Request{Method: *method, Path: "/", Query: params, Headers: headers}, keyID, secret)
	if *printCurl {
		// curl sends the Host of the URL itself, the one signed.
		u.Path, u.RawQuery = "/", signer.CanonicalQuery(params)
		args := []string{"curl", "-sS", "-X", *method}
		for _, h := range headers[1:] {
			args = append(args, "-H", h.Key+": "+h.Value)
		}
		args = append(args, "-H", "Authorization: "+sig.Authorization, u.String())
		for i, a := range args {
			args[i] = shellQuote(a)
		}
		fmt.Fprintln(stdout, strings.Join(args, " "))
		return 0
	}
	for _, h := range headers {
		fmt.Fprintf(stdout, "%s: %s\n", h.Key, h.Value)
	}
	fmt.Fprintf(stdout, "Authorization: %s\n", sig.Authorization)
	return 0
}

// shellQuote quotes s for a POSIX shell: as it is when it is plainly safe,
// otherwise in single quotes, where a single quote is written by closing
// the quotes, escaping it with a backslash and opening them again.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@%+,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func fail(stderr io.Writer, errs []error) int {
	fmt.Fprintf(stderr, "acs3sign: %v\n", errors.Join(errs...))
	return 2
}
