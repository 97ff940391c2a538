package wire

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParams(t *testing.T) {
	var p Params
	p.Set("RegionId", "cn-huhehaote")
	p.String("EndpointName", "")
	p.String("VpcId", "vpc-1")
	p.True("DryRun", false)
	p.True("ProtectedEnabled", true)
	p.Bool("ZoneAffinityEnabled", false)
	p.Int("ZonePrivateIpAddressCount", 0)
	p.Int("MaxResults", 50)
	p.List("SecurityGroupId", []string{"sg-1", "sg-2"})
	p.Set(Indexed("Zone", 0, "ip"), "192.168.0.10")

	assert.Equal(t, Params{
		{Key: "RegionId", Value: "cn-huhehaote"},
		{Key: "VpcId", Value: "vpc-1"},
		{Key: "ProtectedEnabled", Value: "true"},
		{Key: "ZoneAffinityEnabled", Value: "false"},
		{Key: "MaxResults", Value: "50"},
		{Key: "SecurityGroupId.1", Value: "sg-1"},
		{Key: "SecurityGroupId.2", Value: "sg-2"},
		{Key: "Zone.1.ip", Value: "192.168.0.10"},
	}, p)
}

func TestIndexed(t *testing.T) {
	assert.Equal(t, "Tag.1.Key", Indexed("Tag", 0, "Key"))
	assert.Equal(t, "Tag.20.Value", Indexed("Tag", 19, "Value"))
	assert.Equal(t, "SecurityGroupId.10", Indexed("SecurityGroupId", 9, ""))
}
