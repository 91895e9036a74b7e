#pragma once
// The exponential with the same bits on every machine: glibc's exp (2.28 onwards, on CPUs with
// fused multiply-add) computed by the engine itself, one value at a time or four per
// instruction. The algorithm and its table are Szabolcs Nagy's, from Arm's Optimized Routines
// (2018, MIT licence), which glibc took up in 2.28: e^x = 2^(k/128) e^r with |r| <= ln 2 / 256,
// 2^(k/128) from a 128-entry table and e^r from a degree-5 polynomial, under 0.51 ulp.
//
// Why not std::exp: the logit choice and the client's price penalty take an exponential of
// every proposal, and a call into the C library per value cannot be vectorised. Its value also
// depends on the library's version and on the CPU (glibc picks a variant without fused
// multiply-add on CPUs without it), where this one does not. On glibc 2.28 and later with FMA
// (this machine) both give the same bits, so results are unchanged; the unit tests check it.
#include <cstddef>

namespace gigsim {

/// e^x, rounded as glibc's FMA variant of exp rounds it, for every x.
double portable_exp(double x);

/// How portable_exp_many computes: one value at a time with std::fma (exact in software where
/// the CPU lacks the instruction), one at a time with the FMA instructions, or four at a time
/// with AVX2. All give the same bits; `widest` is the fastest the CPU has.
enum class ExpKernel { software_fma, fma, avx2, widest };

/// Whether this CPU can run `kernel`.
bool exp_kernel_available(ExpKernel kernel);

/// out[i] = portable_exp(in[i]) for i < n (in and out may be the same array).
void portable_exp_many(const double* in, double* out, std::size_t n,
                       ExpKernel kernel = ExpKernel::widest);

}  // namespace gigsim
