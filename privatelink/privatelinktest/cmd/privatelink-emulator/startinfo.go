package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
)

// startInfo is what the command prints once it listens: everything a
// client needs to reach the emulator and name its world. The JSON names are
// the KEY=value keys, so both forms read alike. PRIVATELINK_MANUAL_SERVICE_NAME
// stays last: scripts wait for that line (README.md).
type startInfo struct {
	Endpoint        string `json:"PRIVATELINK_EMULATOR_ENDPOINT"`
	CAFile          string `json:"PRIVATELINK_EMULATOR_CA_FILE,omitempty"`
	Admin           bool   `json:"PRIVATELINK_EMULATOR_ADMIN"`
	FakeClock       bool   `json:"PRIVATELINK_EMULATOR_FAKE_CLOCK"`
	APIVersion      string `json:"PRIVATELINK_API_VERSION"`
	RegionID        string `json:"ALIBABA_CLOUD_REGION_ID"`
	AccessKeyID     string `json:"ALIBABA_CLOUD_ACCESS_KEY_ID"`
	AccessKeySecret string `json:"ALIBABA_CLOUD_ACCESS_KEY_SECRET"`
	// The consumer account (the access key above) and the provider
	// account, which owns the services and accepts connections; a
	// script that plays the provider uses its key.
	AccountID               string `json:"PRIVATELINK_ACCOUNT_ID"`
	ProviderAccountID       string `json:"PRIVATELINK_PROVIDER_ACCOUNT_ID"`
	ProviderAccessKeyID     string `json:"PRIVATELINK_PROVIDER_ACCESS_KEY_ID"`
	ProviderAccessKeySecret string `json:"PRIVATELINK_PROVIDER_ACCESS_KEY_SECRET"`
	ProviderLoadBalancerID  string `json:"PRIVATELINK_PROVIDER_LOAD_BALANCER_ID"`
	ZoneA                   string `json:"PRIVATELINK_ZONE_A"`
	ZoneB                   string `json:"PRIVATELINK_ZONE_B"`
	VpcID                   string `json:"PRIVATELINK_VPC_ID"`
	VSwitchA                string `json:"PRIVATELINK_VSWITCH_A"`
	VSwitchB                string `json:"PRIVATELINK_VSWITCH_B"`
	SecurityGroupID         string `json:"PRIVATELINK_SECURITY_GROUP_ID"`
	ServiceID               string `json:"PRIVATELINK_SERVICE_ID"`
	ServiceName             string `json:"PRIVATELINK_SERVICE_NAME"`
	ManualServiceID         string `json:"PRIVATELINK_MANUAL_SERVICE_ID"`
	ManualService           string `json:"PRIVATELINK_MANUAL_SERVICE_NAME"`
}

func newStartInfo(endpoint, caFile string, admin, fakeClock bool) startInfo {
	return startInfo{
		Endpoint: endpoint, CAFile: caFile, Admin: admin, FakeClock: fakeClock,
		APIVersion:      "2020-04-15",
		RegionID:        privatelinktest.RegionID,
		AccessKeyID:     privatelinktest.AccessKeyID,
		AccessKeySecret: privatelinktest.AccessKeySecret,

		AccountID:               privatelinktest.AccountID,
		ProviderAccountID:       privatelinktest.ProviderAccountID,
		ProviderAccessKeyID:     privatelinktest.ProviderAccessKeyID,
		ProviderAccessKeySecret: privatelinktest.ProviderAccessKeySecret,
		ProviderLoadBalancerID:  privatelinktest.ProviderLoadBalancerA,

		ZoneA:           privatelinktest.ZoneA,
		ZoneB:           privatelinktest.ZoneB,
		VpcID:           privatelinktest.VpcID,
		VSwitchA:        privatelinktest.VSwitchA,
		VSwitchB:        privatelinktest.VSwitchB,
		SecurityGroupID: privatelinktest.SecurityGroupID,
		ServiceID:       privatelinktest.ServiceID,
		ServiceName:     privatelinktest.ServiceName,
		ManualServiceID: privatelinktest.ManualServiceID,
		ManualService:   privatelinktest.ManualServiceName,
	}
}

// print writes the information as one JSON object on one line, or as
// KEY=value lines that a shell can source (no value needs quoting: they
// are URLs, paths of os.MkdirTemp, IDs and booleans).
func (i startInfo) print(w io.Writer, asJSON bool) error {
	b, err := json.Marshal(i)
	if err != nil {
		return err
	}
	if asJSON {
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	// Go through the JSON form so that the two outputs cannot drift
	// apart; json.Decoder keeps the members in order.
	var sb strings.Builder
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil {
		return err
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return err
		}
		v, err := dec.Token()
		if err != nil {
			return err
		}
		fmt.Fprintf(&sb, "%s=%v\n", k, v)
	}
	_, err = io.WriteString(w, sb.String())
	return err
}
