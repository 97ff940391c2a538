package privatelink_test

import (
	"context"
	"fmt"
	"log"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// Tags can be added to an endpoint after it is created, and listed by
// resource: the tag APIs spell the resource type in lower case
// (TagResourceTypeVpcEndpoint), a type of its own so that ChangeResourceGroup's
// spelling cannot be passed by mistake.
func ExampleClient_TagResources() {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	ep, err := client.CreateVpcEndpoint(ctx, waitExampleRequest(""))
	if err != nil {
		log.Fatal(err)
	}
	tag, err := privatelink.NewTagResources(privatelink.TagResourceTypeVpcEndpoint, []string{ep.EndpointID},
		privatelink.Tag{Key: "team", Value: "payments"},
		privatelink.Tag{Key: "env", Value: "prod"}).Build()
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.TagResources(ctx, tag); err != nil {
		log.Fatal(err)
	}

	list, err := privatelink.NewListTagResources(privatelink.TagResourceTypeVpcEndpoint).
		WithResourceIDs(ep.EndpointID).Build()
	if err != nil {
		log.Fatal(err)
	}
	for tr, err := range client.AllTagResources(ctx, list) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(tr.ResourceID == ep.EndpointID, tr.Tag.Key, tr.Tag.Value)
	}
	// Output:
	// true team payments
	// true env prod
}

// Before creating an endpoint, find the services this account may connect
// to and the zones each supports: an endpoint can only add zones from that
// list.
func ExampleClient_AllVpcEndpointServicesByEndUser() {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	client := srv.Client()

	req, err := privatelink.NewListVpcEndpointServicesByEndUser().WithServiceID(privatelinktest.ServiceID).Build()
	if err != nil {
		log.Fatal(err)
	}
	for svc, err := range client.AllVpcEndpointServicesByEndUser(context.Background(), req) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(svc.ServiceID == privatelinktest.ServiceID, svc.Zones)
	}
	// Output:
	// true [cn-huhehaote-a cn-huhehaote-b]
}
