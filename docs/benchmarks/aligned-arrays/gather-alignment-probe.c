/* Times a batch gather (256 rows x 10 weight rows of 256 floats, from a 1,020-row table) after touching 0 to 8 MB of other memory,
   with the table and output starting OFF bytes past a 64-byte boundary. gcc -O3 -ffp-contract=off -o l2 gather-alignment-probe.c; OFF=16 ./l2 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>
typedef float V __attribute__((vector_size(64), aligned(4)));
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e9+t.tv_nsec;}
__attribute__((noinline,target("avx512f"))) static void sum(float*row,const float*table,const int*slots,int cols,int w){
  for(int j=0;j+16<=w;j+=16){V s=*(V*)(row+j);for(int c=0;c<cols;c++) s+=*(const V*)(table+(int64_t)slots[c]*w+j);*(V*)(row+j)=s;}
}
int main(){
  int W=256, S=1020, R=256, C=10;
  int OFF=atoi(getenv("OFF")); float*table=(float*)((char*)aligned_alloc(64,S*W*4+64)+OFF), *out=(float*)((char*)aligned_alloc(64,R*W*4+64)+OFF);
  size_t big=16<<20; char*other=aligned_alloc(64,big);
  memset(other,1,big); for(int i=0;i<S*W;i++)table[i]=i%7; memset(out,0,R*W*4);
  int*slots=malloc(R*C*4); srand(1); for(int i=0;i<R*C;i++) slots[i]=(i%C)*102+rand()%102;
  double sizes[]={0,0.25,0.5,1,1.5,2,3,4,8};
  for(int si=0;si<9;si++){
    size_t touch=(size_t)(sizes[si]*(1<<20));
    double best=1e18;
    for(int rep=0;rep<200;rep++){
      volatile long acc=0; for(size_t b=0;b<touch;b+=64){ other[b]++; }
      double t0=now(); for(int r=0;r<R;r++) sum(out+(int64_t)r*W,table,slots+r*C,C,W); double t=now()-t0;
      if(t<best)best=t;
    }
    printf("after touching %.2f MB: gather %.1f us (%.1f ns per row read)\n", sizes[si], best/1e3, best/(R*C));
  }
}
