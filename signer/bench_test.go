package signer

import "testing"

// The benchmarks sign the CreateVpcEndpoint request of request_test.go:
// 24 API parameters plus the common ones, as the transport does per attempt.

func BenchmarkSignV1(b *testing.B) {
	params := createVpcEndpointV1()
	b.ReportAllocs()
	for b.Loop() {
		s := SignV1("POST", params, testSecret)
		_ = s.Query()
	}
}

func BenchmarkSignV3(b *testing.B) {
	r := createVpcEndpointV3()
	b.ReportAllocs()
	for b.Loop() {
		SignV3(r, "LTAI5tExampleAccessKey", testSecret)
	}
}

func BenchmarkVerifyV1(b *testing.B) {
	received := signedV1("POST", createVpcEndpointV1(), testSecret)
	b.ReportAllocs()
	for b.Loop() {
		if err := VerifyV1("POST", received, testSecret); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyV3(b *testing.B) {
	r := createVpcEndpointV3()
	auth := SignV3(r, "LTAI5tExampleAccessKey", testSecret).Authorization
	b.ReportAllocs()
	for b.Loop() {
		if err := VerifyV3(r, auth, testSecret); err != nil {
			b.Fatal(err)
		}
	}
}
