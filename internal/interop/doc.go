// Package interop holds tests that pin down what Alibaba Cloud's own Go SDKs
// put on the wire, and checks our signer against them.
package interop
