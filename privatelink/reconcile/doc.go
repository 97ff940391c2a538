// Package reconcile makes an account's PrivateLink endpoints and endpoint
// services match a declared state, exactly once, across crashes and
// concurrent runners.
//
// Declare what should exist as plain data (Desired: EndpointSpec and
// ServiceSpec, each under a Key you choose, such as "tenant-42/orders-db"),
// then:
//
//	r, err := reconcile.New(client, reconcile.Options{Prune: true})
//	plan, err := r.Plan(ctx, desired) // reads, writes nothing
//	fmt.Print(plan)                    // a diff: + create, ~ change, - delete
//	res, err := r.Apply(ctx, plan)     // carries out exactly that plan
//
// or r.Reconcile(ctx, desired), which plans and applies until a plan is
// empty or Options.MaxRounds rounds have run.
//
// # Ownership
//
// Every resource the reconciler creates carries the ownership tag: key
// Options.TagKey (DefaultTagKey unless set), value the resource's Key. The
// tag is part of the create call itself (CreateVpcEndpoint and
// CreateVpcEndpointService take Tag.N), so there is no moment at which a
// created resource exists without it, and ownership lives in the cloud,
// never in memory or a state file: a new process, or a replica, finds the
// same resources by listing with a tag filter.
//
// Because the Key is a tag value it follows the service's tag rules: 1 to
// 128 characters, not starting with aliyun, acs:, http:// or https://; a
// tag key is 1 to 64 characters with the same forbidden prefixes. New
// checks the tag key, Plan every Key.
//
// What the reconciler never touches: a resource without the ownership tag
// (unless a spec names it in AdoptID, which tags it first), a resource
// whose tag has another Options.TagKey (another controller's), and owned
// resources whose Key is no longer desired unless Options.Prune is on.
// Tags with a system prefix are never removed. Fields fixed at creation
// (the VPC, the service, the type, the IP version, the resource group) are
// never "repaired" by deleting and re-creating: a difference there is a
// ChangeConflict that fails that Key alone. A service to be deleted that
// endpoints still use (any connection but one being deleted) fails its
// Key before anything is detached, so consumers keep their load
// balancers; it is deleted by a later round, once they are gone.
//
// The tag is the whole claim: whatever carries it is the reconciler's.
// So a Key has one resource, and a second one carrying the same Key's tag
// is deleted even without Prune, keeping the adopted one, else the oldest
// (by creation time, then ID, so every replica picks the same one). Two
// runners creating one Key from different spec revisions at once can
// leave such a second resource (see Client tokens); so can a person who
// copies the tag onto another resource, which is then deleted like any
// duplicate. For the same reason two controllers must not share a TagKey
// in one account unless their Keys never collide: give each its own.
//
// # Client tokens
//
// Every write carries a ClientToken derived, not drawn at random:
// "rc1-" followed by 56 hex digits of a SHA-256 over the tag key, the kind
// of change, the Key, the resource ID (none for a create), the subject (a
// zone, a security group, a principal...), the revision (a digest of the
// values the write sets) and a generation. 60 printable ASCII characters,
// within the service's 64. So a process that crashed between sending a
// create and reading its answer, and the process that runs after it, send
// the same token for the same create, and the service answers the second
// with the first's endpoint; two replicas that both decide the same change
// at the same moment send the same token too, and the change happens
// once. A create is also found by its tag on the next plan, so the token
// only has to cover the moments before the new resource is listed.
//
// The generation is 0 in a fresh process. For a change other than a
// create it grows when the same process sees a change it already made
// succeed planned again (the change was undone out of band, or the
// service answered from its memory of an earlier identical call), so that
// repairing drift twice is two writes, not one write and a replay. A
// create's generation grows only on evidence: when the service's answer
// names an endpoint or service that no longer exists, or that is listed
// without this Key's ownership tag (the service remembered a create whose
// resource was deleted or disowned since), the create is sent again at the
// next generation, at most three times in one apply; every process sees
// the same evidence, so they still agree on the token. A create the
// service refuses (EndpointServiceNotFound, a missing vSwitch, a quota)
// made nothing and is no evidence: it keeps its token. A successful create
// keeps its generation too, so a plan that misses the new resource because
// a list lags sends the same token and gets the same resource back.
//
// Two cases can still make a second resource for a Key: two processes
// creating it at once from different spec revisions (different tokens),
// and a process whose generation moved on creating it at the same moment
// as a fresh one, after the service has forgotten the older tokens (a
// fresh process's generation 0 is then a new create, not a replay). The
// next plan keeps the oldest and deletes the other (see Ownership).
//
// # Plan and apply
//
// Plan reads the owned resources and returns a Plan: per resource, typed
// changes (ChangeCreate, ChangeUpdate, ChangeAddZone, ChangeRemoveZone,
// ChangeAttachSecurityGroup, ChangeDetachSecurityGroup, ChangeTag,
// ChangeUntag, ChangeAttachResource, ChangeDetachResource,
// ChangeAddPrincipal, ChangeRemovePrincipal, ChangeEnableConnection,
// ChangeDelete, ChangeWaitConnected, ChangeConflict), each with its
// ClientToken. Its String method renders it like terraform plan.
//
// An endpoint names its service by ID, by name, or, in an account that
// publishes a service and uses it, by the Key of a ServiceSpec of the same
// Desired (EndpointSpec.ServiceKey): one apply creates the service, then
// the endpoint.
//
// Bad input fails before any write, with one *privatelink.ValidationError
// listing every problem: duplicate Keys, invalid Keys, a spec that the
// operations' Validate would refuse (under the spec's field path), an ID
// adopted twice or owned by another Key.
//
// Apply runs in four phases: services are created and changed (and
// services to be deleted give up their load balancers); load balancers
// that move from one service to another are attached to the new one;
// endpoints are created, changed and deleted; services are deleted. So a
// service exists before its endpoints and outlives them, and a load
// balancer is free before another service takes it. Within a phase,
// different resources change in parallel, up to Options.Parallelism; the
// changes of one resource run one at a time. Apply waits where the service
// requires it: for Active after a create, and after every zone or security
// group change (the endpoint is Pending meanwhile, and a second change
// would be refused as busy); for a service, Active after it is created and
// after each load balancer is attached or detached. Answers that say a
// change is already in place (EndpointZoneDuplicated, SecurityGroupExist,
// a delete of something gone, a load balancer the service already has)
// count as success, since a concurrent runner made it. A change that still
// fails with throttling or a busy answer after the client's retries is
// repeated with its token for up to Options.ChangeRetryBudget. Apply
// returns a ResourceResult per resource and an error joining a *KeyError
// for each Key that failed; Options.Logger, when set, logs every change.
//
// # Running from a controller loop
//
// A Reconciler is level-triggered and idempotent, like a Kubernetes
// controller: call Reconcile with the whole desired state on a timer or
// on every change of it, from any number of replicas, and restart it at any
// point. Keep one Reconciler per process and client, so that its
// generations (see Client tokens) survive between rounds, and give each
// round a deadline, since a round waits for the service:
//
//	r, err := reconcile.New(client, reconcile.Options{TagKey: "acme/pl-key", Prune: true})
//	...
//	for {
//		rctx, cancel := context.WithTimeout(ctx, 15*time.Minute)
//		sum, err := r.Reconcile(rctx, loadDesired())
//		cancel()
//		var bad *privatelink.ValidationError
//		var failed *reconcile.KeyError
//		switch {
//		case errors.As(err, &bad): // the desired state is wrong: every problem listed, nothing applied
//		case errors.As(err, &failed): // the error joins one KeyError per failed Key
//		case errors.Is(err, reconcile.ErrNotConverged): // changes left; the next round goes on
//		case err == nil: // sum.Converged; sum.Writes() writes were made
//		}
//		select {
//		case <-ctx.Done():
//			return
//		case <-time.After(time.Minute):
//		}
//	}
//
// Stopping a round (its context ending, or the process dying) at any
// point is safe: the next round, in this process or another, finds what
// was made by its tag and repeats an interrupted write with its token.
//
// A no-op round costs one ListVpcEndpoints call per 1000 owned endpoints
// and two calls per desired endpoint (its zones and security groups):
// 2.005 calls per endpoint for 200 endpoints, and no write. A round that
// changes nothing writes nothing, so running it often is cheap.
package reconcile
