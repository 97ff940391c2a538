package privatelink_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// A service error keeps the service's Code and Message as sent, and adds
// what the client holds: the request values the code refers to and a hint.
func ExampleAPIError_hint() {
	srv, client := waitExampleEmulator()
	defer srv.Close()

	_, err := client.GetVpcEndpointAttribute(context.Background(),
		&privatelink.GetVpcEndpointAttributeRequest{EndpointID: "ep-hp3gone0x7k2m9q4w1e5"})
	var apiErr *privatelink.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Code+":", apiErr.Message)
		fmt.Println(apiErr.RequestValues)
		fmt.Println("hint:", apiErr.Hint)
	}
	// Output:
	// EndpointNotFound: The specified Endpoint does not exist.
	// [{EndpointId ep-hp3gone0x7k2m9q4w1e5} {RegionId cn-huhehaote}]
	// hint: no endpoint with this ID in this region and account: it was deleted, or is in another region or account; an endpoint created a moment ago can briefly answer EndpointNotFound
}

// A consumer that the service's provider has not allowed is told who must
// act, and how.
func ExampleAPIError_notAuthorized() {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	provider := srv.Client(privatelink.WithStaticCredentials(privatelinktest.ProviderAccessKeyID, privatelinktest.ProviderAccessKeySecret, ""))
	consumer := srv.Client()
	ctx := context.Background()

	// A new service allows nobody until its provider adds accounts.
	created, err := provider.CreateVpcEndpointService(ctx, &privatelink.CreateVpcEndpointServiceRequest{
		ServiceResourceType: privatelink.ServiceResourceTypeSLB,
		Resources:           []privatelink.ServiceResourceRef{{ResourceType: privatelink.ServiceResourceTypeSLB, ResourceID: privatelinktest.ProviderLoadBalancerA, ZoneID: privatelinktest.ZoneA}},
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := provider.WaitUntilVpcEndpointServiceActive(ctx, created.ServiceID); err != nil {
		log.Fatal(err)
	}
	_, err = consumer.CreateVpcEndpoint(ctx, &privatelink.CreateVpcEndpointRequest{
		VpcID: privatelinktest.VpcID, ServiceID: created.ServiceID,
		SecurityGroupIDs: []string{privatelinktest.SecurityGroupID},
		Zones:            []privatelink.Zone{{ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchA}},
	})
	var apiErr *privatelink.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Code, apiErr.RequestValues[0].Name, apiErr.RequestValues[0].Value == created.ServiceID)
		fmt.Println("hint:", apiErr.Hint)
	}
	// Output:
	// EndpointServiceNotAuthorized ServiceId true
	// hint: the service's provider must add this client's account (the account that owns its AccessKey) to the service's allow-list with AddUserToVpcEndpointService; ListVpcEndpointServicesByEndUser lists the services the account may use
}

// A RAM user without permission learns the action its policy must allow.
func ExampleAPIError_forbidden() {
	srv := privatelinktest.NewServer(privatelinktest.WithDeniedAction(privatelinktest.AccessKeyID, "ListVpcEndpoints"))
	defer srv.Close()
	client := srv.Client()

	_, err := client.ListVpcEndpoints(context.Background(), &privatelink.ListVpcEndpointsRequest{})
	var apiErr *privatelink.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code)
		fmt.Println("hint:", apiErr.Hint)
	}
	// Output:
	// 403 Forbidden.RAM
	// hint: the RAM policy of the caller (user or role) must allow the action privatelink:ListVpcEndpoints
}

// A vSwitch in another zone than the one it is paired with is not found;
// the error names both.
func ExampleAPIError_vSwitchInAnotherZone() {
	srv, client := waitExampleEmulator()
	defer srv.Close()

	_, err := client.CreateVpcEndpoint(context.Background(), &privatelink.CreateVpcEndpointRequest{
		VpcID: privatelinktest.VpcID, ServiceID: privatelinktest.ServiceID,
		SecurityGroupIDs: []string{privatelinktest.SecurityGroupID},
		Zones:            []privatelink.Zone{{ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchB}},
	})
	var apiErr *privatelink.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Code)
		for _, v := range apiErr.RequestValues {
			fmt.Printf("  %s=%s\n", v.Name, v.Value)
		}
		fmt.Println("hint:", apiErr.Hint)
	}
	// Output:
	// VSwitchNotFound
	//   VpcId=vpc-hp3emu0vpc7x2k5qz8w0e
	//   Zone.1.ZoneId=cn-huhehaote-a
	//   Zone.1.VSwitchId=vsw-hp3emu0vswb4c1m8z6w3
	//   RegionId=cn-huhehaote
	// hint: each vSwitch must exist in the VPC and in the zone it is paired with: a vSwitch belongs to one zone, so one in another zone is not found
}

// IDs of the wrong shape fail before anything is sent, with what the ID
// should start with; a service's name where its ID belongs says which
// setter takes a name.
func ExampleCreateVpcEndpointBuilder_Build_idShapes() {
	_, err := privatelink.NewCreateVpcEndpoint("vcp-hp356stwkxg3fn2xe0001").
		WithServiceID("com.aliyuncs.privatelink.cn-huhehaote.epsrv-hp3vpx8yqxblby3i0001").
		WithZone("cn-huhehaote-a", "vsw-hp3uf6045ljdhd5zr0001").
		WithSecurityGroupIDs("sg-hp3c3nnh0gk2yazgr0001", "epsrv-hp3vpx8yqxblby3i0001").
		Build()
	var verr *privatelink.ValidationError
	if errors.As(err, &verr) {
		for _, p := range verr.Problems {
			fmt.Printf("%s: %s\n", p.Field, p.Message)
		}
	}
	// Output:
	// VpcID: "vcp-hp356stwkxg3fn2xe0001" is not a VPC ID, which starts with "vpc-"
	// ServiceID: "com.aliyuncs.privatelink.cn-huhehaote.epsrv-hp3vpx8yqxblby3i0001" is a service name, not an ID (which starts with "epsrv-"): use WithServiceName (the ServiceName field)
	// SecurityGroupIDs[1]: "epsrv-hp3vpx8yqxblby3i0001" is not a security group ID, which starts with "sg-" (it is an endpoint service ID)
}

// A zone ID given as the region is refused, with the region it belongs to.
func ExampleNewClient_zoneID() {
	_, err := privatelink.NewClient("cn-hangzhou-h")
	fmt.Println(err)
	// Output:
	// privatelink: NewClient: "cn-hangzhou-h" is a zone ID, not a region ID: the region of that zone is "cn-hangzhou"
}

// An error's text carries it all on one line: the action, the service's
// code and message as sent, the attempts when there were several, the
// request values the code refers to, the RequestId and the hint.
func ExampleAPIError_Error() {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	client := srv.Client(privatelink.WithRetry(3, time.Millisecond, time.Millisecond), privatelink.WithThrottleRetry(0))
	ctx := context.Background()
	requestID := func(err error) string {
		var apiErr *privatelink.APIError
		errors.As(err, &apiErr)
		return apiErr.RequestID
	}

	_, err := client.GetVpcEndpointAttribute(ctx, &privatelink.GetVpcEndpointAttributeRequest{EndpointID: "ep-hp3gone0x7k2m9q4w1e5"})
	fmt.Println(strings.ReplaceAll(err.Error(), requestID(err), "<RequestId>"))

	// Every account's calls to the API over its quota, on each of the 3
	// attempts.
	srv.SetFaults("ListVpcEndpoints", privatelinktest.Faults{ThrottleRate: 1, ThrottleCode: "Throttling.Api"})
	_, err = client.ListVpcEndpoints(ctx, nil)
	fmt.Println(strings.ReplaceAll(err.Error(), requestID(err), "<RequestId>"))
	// Output:
	// privatelink: GetVpcEndpointAttribute: EndpointNotFound (HTTP 400): The specified Endpoint does not exist. [EndpointId=ep-hp3gone0x7k2m9q4w1e5, RegionId=cn-huhehaote] (RequestId: <RequestId>); hint: no endpoint with this ID in this region and account: it was deleted, or is in another region or account; an endpoint created a moment ago can briefly answer EndpointNotFound
	// privatelink: ListVpcEndpoints: Throttling.Api (HTTP 400, after 3 attempts): Request was denied due to api flow control. (RequestId: <RequestId>); hint: the API's request rate quota, counted over all accounts, is exceeded: call again later; the client retries this answer for the WithThrottleRetry budget (default 2 minutes), within the context's deadline
}
