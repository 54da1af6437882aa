// RUN: %check_aliasguard --tool=cli --checks=aliasguard-param-mutation %s -- %ag_flags
// Regression (found by test/fuzz/checker's LibTorch run): a caller held a
// pointer to a callee's summary while evaluating the call's arguments, and
// summarising the functions called there grew the summary map and freed it
// (a heap use-after-free, a segfault on <torch/torch.h>). Here the first
// argument's call chain summarises more functions than the map's first
// allocation holds, before the callee's summary of the second is read.
#include <ag/ag.h>

void write_second(const ag::Tensor &u, ag::Tensor &t);
ag::Tensor h0(ag::Tensor t);

int outer(ag::Tensor x) { write_second(h0(x), x); return 0; }
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: in-place write to parameter 'x' changes the caller's tensor: a tensor taken by value shares storage with the argument [aliasguard-param-mutation]
// CHECK-MESSAGES: :[[@LINE-2]]:22: note: 'x' declared here; clone it before writing, take it as a non-const reference, or end the function name with '_'

ag::Tensor h59(ag::Tensor t) { return t; }
ag::Tensor h58(ag::Tensor t) { return h59(t); }
ag::Tensor h57(ag::Tensor t) { return h58(t); }
ag::Tensor h56(ag::Tensor t) { return h57(t); }
ag::Tensor h55(ag::Tensor t) { return h56(t); }
ag::Tensor h54(ag::Tensor t) { return h55(t); }
ag::Tensor h53(ag::Tensor t) { return h54(t); }
ag::Tensor h52(ag::Tensor t) { return h53(t); }
ag::Tensor h51(ag::Tensor t) { return h52(t); }
ag::Tensor h50(ag::Tensor t) { return h51(t); }
ag::Tensor h49(ag::Tensor t) { return h50(t); }
ag::Tensor h48(ag::Tensor t) { return h49(t); }
ag::Tensor h47(ag::Tensor t) { return h48(t); }
ag::Tensor h46(ag::Tensor t) { return h47(t); }
ag::Tensor h45(ag::Tensor t) { return h46(t); }
ag::Tensor h44(ag::Tensor t) { return h45(t); }
ag::Tensor h43(ag::Tensor t) { return h44(t); }
ag::Tensor h42(ag::Tensor t) { return h43(t); }
ag::Tensor h41(ag::Tensor t) { return h42(t); }
ag::Tensor h40(ag::Tensor t) { return h41(t); }
ag::Tensor h39(ag::Tensor t) { return h40(t); }
ag::Tensor h38(ag::Tensor t) { return h39(t); }
ag::Tensor h37(ag::Tensor t) { return h38(t); }
ag::Tensor h36(ag::Tensor t) { return h37(t); }
ag::Tensor h35(ag::Tensor t) { return h36(t); }
ag::Tensor h34(ag::Tensor t) { return h35(t); }
ag::Tensor h33(ag::Tensor t) { return h34(t); }
ag::Tensor h32(ag::Tensor t) { return h33(t); }
ag::Tensor h31(ag::Tensor t) { return h32(t); }
ag::Tensor h30(ag::Tensor t) { return h31(t); }
ag::Tensor h29(ag::Tensor t) { return h30(t); }
ag::Tensor h28(ag::Tensor t) { return h29(t); }
ag::Tensor h27(ag::Tensor t) { return h28(t); }
ag::Tensor h26(ag::Tensor t) { return h27(t); }
ag::Tensor h25(ag::Tensor t) { return h26(t); }
ag::Tensor h24(ag::Tensor t) { return h25(t); }
ag::Tensor h23(ag::Tensor t) { return h24(t); }
ag::Tensor h22(ag::Tensor t) { return h23(t); }
ag::Tensor h21(ag::Tensor t) { return h22(t); }
ag::Tensor h20(ag::Tensor t) { return h21(t); }
ag::Tensor h19(ag::Tensor t) { return h20(t); }
ag::Tensor h18(ag::Tensor t) { return h19(t); }
ag::Tensor h17(ag::Tensor t) { return h18(t); }
ag::Tensor h16(ag::Tensor t) { return h17(t); }
ag::Tensor h15(ag::Tensor t) { return h16(t); }
ag::Tensor h14(ag::Tensor t) { return h15(t); }
ag::Tensor h13(ag::Tensor t) { return h14(t); }
ag::Tensor h12(ag::Tensor t) { return h13(t); }
ag::Tensor h11(ag::Tensor t) { return h12(t); }
ag::Tensor h10(ag::Tensor t) { return h11(t); }
ag::Tensor h9(ag::Tensor t) { return h10(t); }
ag::Tensor h8(ag::Tensor t) { return h9(t); }
ag::Tensor h7(ag::Tensor t) { return h8(t); }
ag::Tensor h6(ag::Tensor t) { return h7(t); }
ag::Tensor h5(ag::Tensor t) { return h6(t); }
ag::Tensor h4(ag::Tensor t) { return h5(t); }
ag::Tensor h3(ag::Tensor t) { return h4(t); }
ag::Tensor h2(ag::Tensor t) { return h3(t); }
ag::Tensor h1(ag::Tensor t) { return h2(t); }
ag::Tensor h0(ag::Tensor t) { return h1(t); }
void write_second(const ag::Tensor &u, ag::Tensor &t) { t.add_(1); }
