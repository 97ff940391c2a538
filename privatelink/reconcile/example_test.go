package reconcile_test

import (
	"context"
	"fmt"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/privatelink/reconcile"
)

// Plan shows what would change; Apply does it; the next plan is empty.
func ExampleReconciler() {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	r, err := reconcile.New(srv.Client(), reconcile.Options{
		// The emulator is quick; poll it often.
		WaitOptions: []privatelink.WaitOption{privatelink.WaitMinDelay(10 * time.Millisecond), privatelink.WaitMaxDelay(10 * time.Millisecond)},
	})
	if err != nil {
		panic(err)
	}
	desired := reconcile.Desired{Endpoints: []reconcile.EndpointSpec{{
		Key:              "tenant-42/orders-db",
		VpcID:            privatelinktest.VpcID,
		ServiceID:        privatelinktest.ServiceID,
		Zones:            []reconcile.ZoneSpec{{ZoneID: privatelinktest.ZoneA, VSwitchID: privatelinktest.VSwitchA}},
		SecurityGroupIDs: []string{privatelinktest.SecurityGroupID},
		Name:             "orders-db",
		Tags:             map[string]string{"tenant": "42"},
		WaitConnected:    true,
	}}}

	plan, err := r.Plan(ctx, desired)
	if err != nil {
		panic(err) // a *privatelink.ValidationError listing every problem
	}
	fmt.Print(plan)
	res, err := r.Apply(ctx, plan)
	if err != nil {
		panic(err) // names each Key that failed
	}
	fmt.Println("applied:", res.Resources[0].Key, res.Resources[0].Done, "changes")

	plan, err = r.Plan(ctx, desired)
	if err != nil {
		panic(err)
	}
	fmt.Print(plan)
	// Output:
	// + endpoint "tenant-42/orders-db"
	//     + vpc_id                           = vpc-hp3emu0vpc7x2k5qz8w0e
	//     + service_id                       = epsrv-hp3emu0auto3x9c2v5b
	//     + zone cn-huhehaote-a              = vsw-hp3emu0vswa9d7x2k5qz
	//     + security_group_ids               = sg-hp3emu0sg0q5r8t1y4u7i
	//     + name                             = orders-db
	//     + zone_affinity_enabled            = false
	//     + tag privatelink-go/reconcile-key = tenant-42/orders-db
	//     + tag tenant                       = 42
	//     . wait until Connected
	// Plan: 1 to create, 0 to change, 0 to delete; 1 write call.
	// applied: tenant-42/orders-db 2 changes
	// No changes: 1 resource already as desired.
}

// Bad input is refused before anything is sent, with every problem listed.
func ExampleReconciler_Plan_invalidInput() {
	srv := privatelinktest.NewServer()
	defer srv.Close()
	r, err := reconcile.New(srv.Client(), reconcile.Options{})
	if err != nil {
		panic(err)
	}
	spec := reconcile.EndpointSpec{Key: "db", VpcID: privatelinktest.VpcID, ServiceID: privatelinktest.ServiceID,
		Zones: []reconcile.ZoneSpec{{ZoneID: privatelinktest.ZoneA}}, SecurityGroupIDs: []string{privatelinktest.SecurityGroupID}}
	_, err = r.Plan(context.Background(), reconcile.Desired{Endpoints: []reconcile.EndpointSpec{spec, spec}})
	fmt.Println(err)
	fmt.Println("requests sent:", srv.Requests())
	// Output:
	// privatelink: reconcile.Plan: invalid request: Endpoints[0].Zones[0].VSwitchID: required; Endpoints[1].Key: duplicate of Endpoints[0].Key "db"; Endpoints[1].Zones[0].VSwitchID: required
	// requests sent: 0
}
