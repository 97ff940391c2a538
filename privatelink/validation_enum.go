package privatelink

import "strings"

// Enums are open. The service adds values to them between releases of this
// SDK (Gateway Load Balancer, gwlb, arrived in 2025 and 2026 in
// ServiceResourceType, ServiceType and DescribeRegions), and an SDK that
// refused a value only because it did not know it would block a documented
// request until its next release; aws-sdk-go-v2 leaves its enums open for
// the same reason. So a value the SDK does not know is sent as given and
// decoded as given, IsKnown tells a caller who cares, and Validate refuses
// only what is certainly wrong:
//
//   - a value that is not empty but blank, which names nothing;
//   - a value that differs from a known one only in case, for an enum the
//     service is known to compare case-sensitively. None is marked so
//     today, as nothing observed shows the service refusing a case
//     variant. What was observed is narrow: the tag operations accept
//     ResourceType=VpcEndpoint where the documentation says vpcendpoint
//     (Terraform's alicloud provider sends it, and its acceptance tests
//     run against the live service). That is one parameter, not a rule
//     for all; the emulator's audit (package privatelinktest, each check
//     where it lives) records the evidence per parameter, and for most
//     there is none either way. So a case variant is sent as given and
//     judged by the service; in a list filter it may match nothing, and
//     the answer is then an empty page rather than an error. An enum gets
//     the check (CaseSensitive in the generator's overlay) once evidence
//     shows the service refusing a case variant.

// enum checks a value of an open enum: empty means unset, and any other
// value but a blank one may be sent.
func (v *validator) enum(field, value string) {
	if value != "" && strings.TrimSpace(value) == "" {
		v.add(field, "blank: leave it empty to not send it")
	}
}

// enumCase refuses a value that differs from one of known only in case,
// for an enum the service compares case-sensitively.
func (v *validator) enumCase(field, value string, known ...string) {
	for _, k := range known {
		if value != k && strings.EqualFold(value, k) {
			v.add(field, quote(value)+" differs from "+quote(k)+" only in case, which the service does not accept")
			return
		}
	}
}
