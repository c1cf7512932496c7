// Deliberately invalid OpenCL C: the kernel build must fail and report this file, its options and the log.
__kernel void broken_kernel(__global float* out) {
    out[get_global_id(0)] = undeclared_identifier_for_the_test;
}
