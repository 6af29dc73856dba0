/* What dense4j's C files share. */
#ifndef DENSE4J_H
#define DENSE4J_H

#include <jni.h>

/* A loop built for AVX-512, AVX2 and plain x86-64; the loader picks one for the machine */
#define CLONES __attribute__((noinline, target_clones("avx512f", "avx2", "default")))

/* Declares name as the elements of the primitive array, or runs failed: when they are NULL the JVM is out of memory and
   an exception is pending */
#define CRITICAL(name, array, failed) \
    jint *name = (*env)->GetPrimitiveArrayCritical(env, array, NULL); \
    if (name == NULL) { \
        failed; \
    }

#endif
