package privatelinktest

import (
	"testing"
	"time"
)

// The derived states at instants around each recorded transition.
func TestEndpointDerivedStates(t *testing.T) {
	t0 := fixedTime
	// The connection of an endpoint to an automatically accepting service
	// is Connected from the start; the endpoint's states gate it.
	e := &endpoint{service: &service{Service: &Service{ID: "epsrv-a", AutoAccept: true}}, connState: connConnected,
		activeAt: t0.Add(time.Minute), pendingUntil: t0.Add(2 * time.Minute)}
	z := &epZone{zoneID: ZoneA, readyAt: t0.Add(90 * time.Second)}
	for _, tt := range []struct {
		at                   time.Duration
		status, conn, zoneSt string
	}{
		{0, "Creating", "Disconnected", "Creating"},
		{time.Minute - 1, "Creating", "Disconnected", "Creating"},
		{time.Minute, "Pending", "Connected", "Creating"},
		{90 * time.Second, "Pending", "Connected", "Connected"},
		{2 * time.Minute, "Active", "Connected", "Connected"},
	} {
		now := t0.Add(tt.at)
		if got := e.status(now); got != tt.status {
			t.Errorf("%v: status %s, want %s", tt.at, got, tt.status)
		}
		if got := e.connectionStatus(now); got != tt.conn {
			t.Errorf("%v: connection %s, want %s", tt.at, got, tt.conn)
		}
		if got := e.zoneStatus(z, now); got != tt.zoneSt {
			t.Errorf("%v: zone %s, want %s", tt.at, got, tt.zoneSt)
		}
	}

	e.connState = connPending // a manual service's
	later := t0.Add(time.Hour)
	if e.connectionStatus(later) != "Pending" || e.zoneStatus(z, later) != "Wait" {
		t.Error("manual service before acceptance")
	}
	e.setConnection(connConnected, later, time.Minute)
	if e.connectionStatus(later) != "Connecting" || e.zoneStatus(z, later) != "Connecting" || !e.connBusy(later) {
		t.Error("manual service while accepting")
	}
	later = later.Add(time.Minute)
	if e.connectionStatus(later) != "Connected" || e.zoneStatus(z, later) != "Connected" || e.connBusy(later) {
		t.Error("manual service after acceptance")
	}
	z.disabled, z.connUntil = true, later.Add(time.Minute)
	if e.zoneStatus(z, later) != "Disconnecting" || e.zoneStatus(z, later.Add(time.Minute)) != "Disconnected" {
		t.Error("zone connection disabled")
	}
	z.disabled, z.connUntil = false, time.Time{}

	e.deleting, e.goneAt = true, later.Add(time.Minute)
	if e.status(later) != "Deleting" || e.connectionStatus(later) != "Deleting" || e.zoneStatus(z, later) != "Deleting" || e.gone(later) {
		t.Error("deleting")
	}
	if !e.gone(later.Add(time.Minute)) {
		t.Error("not gone at goneAt")
	}
}

func TestEndpointLockFor(t *testing.T) {
	now := fixedTime
	for _, tt := range []struct {
		e                  *endpoint
		withLocked, noLock string
	}{
		{&endpoint{activeAt: now.Add(time.Second)}, "EndpointOperationDenied", "EndpointOperationDenied"},
		{&endpoint{pendingUntil: now.Add(time.Second)}, "EndpointLocked", "EndpointOperationDenied"},
		{&endpoint{deleting: true, goneAt: now.Add(time.Second)}, "EndpointOperationDenied", "EndpointOperationDenied"},
		{&endpoint{}, "", ""},
	} {
		code := func(e *apiError) string {
			if e == nil {
				return ""
			}
			return e.code
		}
		if got := code(tt.e.lockFor(now, true)); got != tt.withLocked {
			t.Errorf("%+v: lockFor(locked) = %s, want %s", tt.e, got, tt.withLocked)
		}
		if got := code(tt.e.lockFor(now, false)); got != tt.noLock {
			t.Errorf("%+v: lockFor = %s, want %s", tt.e, got, tt.noLock)
		}
	}
}

func TestEndpointProtectedFrom(t *testing.T) {
	for _, tt := range []struct {
		protected, sts bool
		caller         string
		want           bool
	}{
		{true, true, "STS.owner", false},
		{true, true, "STS.other", true},
		{true, true, AccessKeyID, true},
		{true, false, "LTAIother", false},
		{false, true, "STS.other", false},
	} {
		e := &endpoint{protected: tt.protected, ownerSTS: tt.sts, owner: "STS.owner"}
		if !tt.sts {
			e.owner = AccessKeyID
		}
		if got := e.protectedFrom(tt.caller); got != tt.want {
			t.Errorf("%+v: protectedFrom(%s) = %v", tt, tt.caller, got)
		}
	}
}

func TestEndpointSweep(t *testing.T) {
	now := fixedTime
	e := &endpoint{
		zones: []*epZone{{zoneID: "a"}, {zoneID: "b", removing: true, goneAt: now}, {zoneID: "c", removing: true, goneAt: now.Add(time.Second)}},
		sgs:   []*sgAttachment{{id: "x", removing: true, goneAt: now.Add(-time.Second)}, {id: "y"}},
	}
	e.sweep(now)
	if len(e.zones) != 2 || e.zones[0].zoneID != "a" || e.zones[1].zoneID != "c" || len(e.sgs) != 1 || e.sgs[0].id != "y" {
		t.Fatalf("after sweep: zones %v sgs %v", e.zones, e.sgs)
	}
	if e.activeZones() != 1 || e.activeSGs() != 1 || e.zone("c") == nil || e.sg("x") != nil {
		t.Fatal("counters after sweep")
	}
	if sgStatus(&sgAttachment{readyAt: now.Add(time.Second)}, now) != "Attaching" || sgStatus(&sgAttachment{}, now) != "Attached" || sgStatus(&sgAttachment{removing: true}, now) != "Detaching" {
		t.Fatal("sgStatus")
	}
}
