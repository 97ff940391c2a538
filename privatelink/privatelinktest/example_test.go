package privatelinktest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/signer"
)

var exampleNonce atomic.Int64

// call sends a V1-signed RPC request to srv and decodes the JSON answer:
// the whole wire protocol a client needs, in a few lines.
func call(srv *privatelinktest.Server, action string, pairs ...string) (int, map[string]any) {
	return callAs(srv, privatelinktest.AccessKeyID, privatelinktest.AccessKeySecret, action, pairs...)
}

// callAs is call signed with another access key.
func callAs(srv *privatelinktest.Server, keyID, secret, action string, pairs ...string) (int, map[string]any) {
	params := []signer.Param{
		{Key: "Action", Value: action},
		{Key: "Version", Value: "2020-04-15"},
		{Key: "Format", Value: "JSON"},
		{Key: "AccessKeyId", Value: keyID},
		{Key: "SignatureMethod", Value: "HMAC-SHA1"},
		{Key: "SignatureVersion", Value: "1.0"},
		{Key: "SignatureNonce", Value: strconv.FormatInt(time.Now().UnixNano(), 36) + "-" + strconv.FormatInt(exampleNonce.Add(1), 10)},
		{Key: "Timestamp", Value: time.Now().UTC().Format(signer.TimestampFormatV1)},
		{Key: "RegionId", Value: privatelinktest.RegionID},
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		params = append(params, signer.Param{Key: pairs[i], Value: pairs[i+1]})
	}
	sig := signer.SignV1(http.MethodPost, params, secret)
	resp, err := http.Post(srv.URL+"/?"+sig.Query(), "", nil)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		panic(err)
	}
	return resp.StatusCode, body
}

// An endpoint's life on the emulator, with a fake clock standing in for
// the minutes the service takes.
func Example() {
	clock := privatelinktest.NewFakeClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := privatelinktest.NewServer(
		privatelinktest.WithClock(clock),
		privatelinktest.WithCreationDelay(time.Minute),
		privatelinktest.WithDeletionDelay(30*time.Second),
	)
	defer srv.Close()

	_, created := call(srv, "CreateVpcEndpoint",
		"VpcId", privatelinktest.VpcID,
		"ServiceId", privatelinktest.ServiceID,
		"SecurityGroupId.1", privatelinktest.SecurityGroupID,
		"Zone.1.ZoneId", privatelinktest.ZoneA,
		"Zone.1.VSwitchId", privatelinktest.VSwitchA,
		"ClientToken", "example-create",
	)
	id := created["EndpointId"].(string)
	fmt.Println("created:", created["EndpointStatus"])

	clock.Advance(time.Minute)
	_, attr := call(srv, "GetVpcEndpointAttribute", "EndpointId", id)
	fmt.Println("a minute later:", attr["EndpointStatus"], attr["ConnectionStatus"])

	call(srv, "DeleteVpcEndpoint", "EndpointId", id)
	_, attr = call(srv, "GetVpcEndpointAttribute", "EndpointId", id)
	fmt.Println("deleting:", attr["EndpointStatus"])

	clock.Advance(30 * time.Second)
	status, gone := call(srv, "GetVpcEndpointAttribute", "EndpointId", id)
	fmt.Println("gone:", status, gone["Code"])
	// Output:
	// created: Creating
	// a minute later: Active Connected
	// deleting: Deleting
	// gone: 400 EndpointNotFound
}

// A service that leaves connections Pending until its owner accepts them.
func ExampleServer_AcceptConnection() {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	_, created := call(srv, "CreateVpcEndpoint",
		"VpcId", privatelinktest.VpcID,
		"ServiceId", privatelinktest.ManualServiceID,
		"SecurityGroupId.1", privatelinktest.SecurityGroupID,
	)
	id := created["EndpointId"].(string)
	e, _ := srv.Endpoint(id)
	fmt.Println(e.Status, e.ConnectionStatus)

	if err := srv.AcceptConnection(id); err != nil {
		panic(err)
	}
	e, _ = srv.Endpoint(id)
	fmt.Println(e.Status, e.ConnectionStatus)
	// Output:
	// Active Pending
	// Active Connected
}

// Injected faults are drawn from a seeded source, so a resilience test
// sees the same sequence every run; Stats tells what was injected.
func ExampleServer_SetFaults() {
	srv := privatelinktest.NewServer(privatelinktest.WithSeed(42))
	defer srv.Close()
	srv.SetFaults("ListVpcEndpoints", privatelinktest.Faults{ThrottleRate: 1})

	status, body := call(srv, "ListVpcEndpoints")
	fmt.Println(status == 400 || status == 503, body["Code"] == "Throttling.User" || body["Code"] == "Throttling")
	st := srv.Stats()["ListVpcEndpoints"]
	fmt.Println(st.Requests, st.Throttled, st.Successes)
	// Output:
	// true true
	// 1 1 0
}

// The provider and billing controls put an endpoint into the states that
// end a client's wait: a rejected connection, an overdue payment, a
// deleted service.
func ExampleServer_DeleteService() {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	create := func() string {
		_, created := call(srv, "CreateVpcEndpoint",
			"VpcId", privatelinktest.VpcID,
			"ServiceId", privatelinktest.ServiceID,
			"SecurityGroupId.1", privatelinktest.SecurityGroupID,
		)
		return created["EndpointId"].(string)
	}
	show := func(id string) {
		_, attr := call(srv, "GetVpcEndpointAttribute", "EndpointId", id)
		fmt.Println(attr["EndpointStatus"], attr["ConnectionStatus"], attr["EndpointBusinessStatus"])
	}
	rejected, locked, orphaned := create(), create(), create()

	if err := srv.RejectConnection(rejected); err != nil {
		panic(err)
	}
	if err := srv.SetBusinessStatus(locked, "FinancialLocked"); err != nil {
		panic(err)
	}
	show(rejected)
	show(locked)
	if err := srv.DeleteService(privatelinktest.ServiceID); err != nil {
		panic(err)
	}
	show(orphaned)
	status, body := call(srv, "CreateVpcEndpoint",
		"VpcId", privatelinktest.VpcID,
		"ServiceId", privatelinktest.ServiceID,
		"SecurityGroupId.1", privatelinktest.SecurityGroupID,
	)
	fmt.Println(status, body["Code"])
	// Output:
	// Active Disconnected Normal
	// Active Connected FinancialLocked
	// Active ServiceDeleted Normal
	// 400 EndpointServiceDeleted
}

// A second account that has not activated PrivateLink: refused until it
// opens the service, and then blind to the default account's endpoints.
func ExampleWithNotActivated() {
	const account, key, secret = "2000000000000009", "LTAIexampleSecondAcct01", "example-secret"
	srv := privatelinktest.NewServer(
		privatelinktest.WithNewAccount(account, key, secret),
		privatelinktest.WithNotActivated(account),
	)
	defer srv.Close()
	_, created := call(srv, "CreateVpcEndpoint",
		"VpcId", privatelinktest.VpcID, "ServiceId", privatelinktest.ServiceID,
		"SecurityGroupId.1", privatelinktest.SecurityGroupID,
		"Zone.1.ZoneId", privatelinktest.ZoneA, "Zone.1.VSwitchId", privatelinktest.VSwitchA)

	status, body := callAs(srv, key, secret, "ListVpcEndpoints")
	fmt.Println(status, body["Code"])
	_, body = callAs(srv, key, secret, "CheckProductOpen")
	fmt.Println("open:", body["Success"])
	_, body = callAs(srv, key, secret, "OpenPrivateLinkService")
	order, _ := body["OrderId"].(string)
	fmt.Println("ordered:", order != "")
	_, body = callAs(srv, key, secret, "GetVpcEndpointAttribute", "EndpointId", created["EndpointId"].(string))
	fmt.Println(body["Code"])
	// Output:
	// 400 NeedOpenProduct
	// open: false
	// ordered: true
	// EndpointNotFound
}

// Both parties in one emulator: the provider publishes a service from its
// load balancer and lets the consumer in; the consumer's endpoint waits
// for the provider to accept the connection.
func ExampleWithLoadBalancer() {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	provider := func(action string, pairs ...string) map[string]any {
		_, body := callAs(srv, privatelinktest.ProviderAccessKeyID, privatelinktest.ProviderAccessKeySecret, action, pairs...)
		return body
	}
	svc := provider("CreateVpcEndpointService", "ServiceResourceType", "slb",
		"Resource.1.ResourceId", privatelinktest.ProviderLoadBalancerA, "Resource.1.ResourceType", "slb")["ServiceId"].(string)
	endpoint := []string{"VpcId", privatelinktest.VpcID, "ServiceId", svc, "SecurityGroupId.1", privatelinktest.SecurityGroupID,
		"Zone.1.ZoneId", privatelinktest.ZoneA, "Zone.1.VSwitchId", privatelinktest.VSwitchA}

	_, refused := call(srv, "CreateVpcEndpoint", endpoint...)
	fmt.Println("before AddUser:", refused["Code"])

	provider("AddUserToVpcEndpointService", "ServiceId", svc, "UserId", privatelinktest.AccountID)
	_, created := call(srv, "CreateVpcEndpoint", endpoint...)
	id := created["EndpointId"].(string)
	conns := provider("ListVpcEndpointConnections", "ServiceId", svc)["Connections"].([]any)
	fmt.Println("provider sees:", conns[0].(map[string]any)["ConnectionStatus"])

	provider("EnableVpcEndpointConnection", "ServiceId", svc, "EndpointId", id)
	_, got := call(srv, "GetVpcEndpointAttribute", "EndpointId", id)
	fmt.Println("consumer sees:", got["ConnectionStatus"])
	// Output:
	// before AddUser: EndpointServiceNotAuthorized
	// provider sees: Pending
	// consumer sees: Connected
}
