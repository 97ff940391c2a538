package privatelinktest

import (
	"net/http"
	"slices"
	"testing"
	"time"
)

const (
	secondAccount = "2000000000000001"
	secondKey     = "LTAIsecondAccount000001"
	secondSecret  = "second-secret"
)

// An account sees only its own endpoints, tags, resource groups and client
// tokens; another account's resource answers as if it did not exist.
func TestAccountIsolation(t *testing.T) {
	srv := newTestServer(t, WithNewAccount(secondAccount, secondKey, secondSecret))
	c := newClient(t, srv)
	other := c.as(secondKey, secondSecret, "")

	id := c.create("ClientToken", "shared-token", "Tag.1.Key", "team", "Tag.1.Value", "red")
	if e, _ := srv.Endpoint(id); e.AccountID != AccountID || e.ResourceGroupID != DefaultResourceGroupID {
		t.Fatalf("default account's endpoint: %+v", e)
	}
	other.fail(http.StatusBadRequest, "EndpointNotFound", "GetVpcEndpointAttribute", "EndpointId", id)
	other.fail(http.StatusBadRequest, "EndpointNotFound", "DeleteVpcEndpoint", "EndpointId", id)
	other.fail(http.StatusBadRequest, "EndpointNotFound", "ListVpcEndpointZones", "EndpointId", id)
	if a := other.must("ListVpcEndpoints"); a.num("TotalCount") != 0 {
		t.Fatalf("another account lists %v", a)
	}

	// The same client token in another account is another request.
	mine := other.create("ClientToken", "shared-token")
	if mine == id {
		t.Fatal("another account's client token returned the first account's endpoint")
	}
	e, _ := srv.Endpoint(mine)
	if e.AccountID != secondAccount || e.ResourceGroupID != "rg-acfm"+secondAccount || e.CreatedBy != secondKey {
		t.Fatalf("second account's endpoint: %+v", e)
	}
	if a := c.must("ListVpcEndpoints"); a.num("TotalCount") != 1 {
		t.Fatalf("the first account lists %v", a)
	}
	if got := srv.ResourceGroups(secondAccount); !slices.Equal(got, []string{"rg-acfm" + secondAccount}) {
		t.Fatalf("ResourceGroups: %v", got)
	}
	if srv.ResourceGroups("999") != nil {
		t.Fatal("an unknown account has resource groups")
	}
}

// WithAccount and WithSTSCredential keep adding keys of the default
// account; WithAccountKey and WithAccountSTSCredential add keys of any.
func TestAccountKeys(t *testing.T) {
	srv := newTestServer(t,
		WithAccount("LTAIdefault2", "d2"),
		WithSTSCredential("STS.default", "ds", "dt"),
		WithNewAccount(secondAccount, secondKey, secondSecret),
		WithAccountKey(secondAccount, "LTAIsecond2", "s2"),
		WithAccountSTSCredential(secondAccount, "STS.second", "ss", "st", time.Time{}),
	)
	c := newClient(t, srv)
	first := c.create()
	for _, cl := range []*client{c.as("LTAIdefault2", "d2", ""), c.as("STS.default", "ds", "dt")} {
		cl.must("GetVpcEndpointAttribute", "EndpointId", first)
	}
	second := c.as(secondKey, secondSecret, "").create()
	for _, cl := range []*client{c.as("LTAIsecond2", "s2", ""), c.as("STS.second", "ss", "st")} {
		cl.must("GetVpcEndpointAttribute", "EndpointId", second)
		cl.fail(http.StatusBadRequest, "EndpointNotFound", "GetVpcEndpointAttribute", "EndpointId", first)
	}
}

func TestAccountOptionsPanic(t *testing.T) {
	for name, opt := range map[string]Option{
		"non-numeric account":    WithNewAccount("acct-1", "LTAIx", "x"),
		"empty account":          WithNewAccount("", "LTAIx", "x"),
		"21-digit account":       WithNewAccount("123456789012345678901", "LTAIx", "x"),
		"existing account":       WithNewAccount(AccountID, "LTAIx", "x"),
		"account without key":    WithNewAccount(secondAccount, "", "x"),
		"key of unknown account": WithAccountKey(secondAccount, "LTAIx", "x"),
		"sts of unknown account": WithAccountSTSCredential(secondAccount, "STS.x", "x", "t", time.Time{}),
		"sts without token":      WithAccountSTSCredential(AccountID, "STS.x", "x", "", time.Time{}),
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("NewServer did not panic")
				}
			}()
			newServer(opt)
		})
	}
}
