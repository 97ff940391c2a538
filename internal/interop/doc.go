// Package interop holds tests that pin down what Alibaba Cloud's own Go SDKs
// put on the wire, check our signer and our client against them, drive the
// privatelinktest emulator with them, and benchmark all of them on one
// request. See README.md.
package interop
