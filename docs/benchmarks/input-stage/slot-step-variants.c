// A loop-shape experiment for docs/benchmarks.md ("Tried, not kept: other shapes of the slot step's loop"): the slot
// step as dense4j_rows.c does it (8 vectors at a time, column by column over the full width) against width tiles across
// all columns, 16 vectors at a time, and each row streamed into a sum in memory. Two programs ran, which differed only
// in main's timed lines; they are one here, the comparison chosen by the second argument.
// Build: gcc -O3 -mavx2 -ffp-contract=off slot-step-variants.c -o slot-step-variants
// Run: ./slot-step-variants s|e tiles|widths   (s: W-CSV-CAT's skewed codes; e: 102 slots evenly)
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
typedef float v8 __attribute__((vector_size(32), aligned(4)));
#define W 256
#define R 256
#define C 10
#define S 102
static float *dz, *tab;
static int slot[R][C];
static int cnt[C][S], start[C][S+1], order[C][R];
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static void group(void){
  for(int c=0;c<C;c++){memset(cnt[c],0,sizeof cnt[c]);for(int r=0;r<R;r++)cnt[c][slot[r][c]]++;
    start[c][0]=0;for(int s=0;s<S;s++)start[c][s+1]=start[c][s]+cnt[c][s];
    int pos[S];memcpy(pos,start[c],sizeof pos);for(int r=0;r<R;r++)order[c][pos[slot[r][c]]++]=r;}
}
/* step the slot row over units [from,to) from the rows order[c][a..b) */
__attribute__((noinline)) static void step(float *restrict row,const int *rows,int n,int from,int to,float alpha){
  int j=from;
  for(;j+64<=to;j+=64){v8 s[8]={{0}};for(int k=0;k<n;k++){const float*src=dz+(int64_t)rows[k]*W+j;for(int u=0;u<8;u++)s[u]+=*(const v8*)(src+8*u);}
    for(int u=0;u<8;u++){v8 st=s[u]*alpha;*(v8*)(row+j+8*u)+=st;}}
  for(;j+8<=to;j+=8){v8 s={0};for(int k=0;k<n;k++)s+=*(const v8*)(dz+(int64_t)rows[k]*W+j);v8 st=s*alpha;*(v8*)(row+j)+=st;}
}
__attribute__((noinline)) static void step16(float *restrict row,const int *rows,int n,float alpha){
  for(int j=0;j<W;j+=128){v8 s[16]={{0}};for(int k=0;k<n;k++){const float*src=dz+(int64_t)rows[k]*W+j;for(int u=0;u<16;u++)s[u]+=*(const v8*)(src+8*u);}
    for(int u=0;u<16;u++){v8 st=s[u]*alpha;*(v8*)(row+j+8*u)+=st;}}
}
__attribute__((noinline)) static void stream(float *restrict row,const int *rows,int n,float alpha){
  v8 acc[W/8]; for(int u=0;u<W/8;u++)acc[u]=(v8){0};
  for(int k=0;k<n;k++){const v8*src=(const v8*)(dz+(int64_t)rows[k]*W);for(int u=0;u<W/8;u++)acc[u]+=src[u];}
  for(int u=0;u<W/8;u++){v8 st=acc[u]*alpha;*(v8*)(row+8*u)+=st;}
}
static void full16(float a){for(int c=0;c<C;c++)for(int s=0;s<S;s++)if(cnt[c][s])step16(tab+((int64_t)c*S+s)*W,order[c]+start[c][s],cnt[c][s],a);}
static void streamed(float a){for(int c=0;c<C;c++)for(int s=0;s<S;s++)if(cnt[c][s])stream(tab+((int64_t)c*S+s)*W,order[c]+start[c][s],cnt[c][s],a);}
static void full(float a){for(int c=0;c<C;c++)for(int s=0;s<S;s++)if(cnt[c][s])step(tab+((int64_t)c*S+s)*W,order[c]+start[c][s],cnt[c][s],0,W,a);}
static void tiled(float a,int T){for(int t=0;t<W;t+=T)for(int c=0;c<C;c++)for(int s=0;s<S;s++)if(cnt[c][s])step(tab+((int64_t)c*S+s)*W,order[c]+start[c][s],cnt[c][s],t,t+T,a);}
int main(int argc,char**argv){
  int even=argc>1&&argv[1][0]=='e';
  int tiles=argc>2&&argv[2][0]=='t';
  dz=aligned_alloc(64,sizeof(float)*R*W);tab=aligned_alloc(64,sizeof(float)*C*S*W);
  for(int i=0;i<R*W;i++)dz[i]=(rand()%1000-500)*1e-3f;for(int i=0;i<C*S*W;i++)tab[i]=0;
  int lv[C]={20,40,80,120,200,300,450,600,800,1000};
  double tf=0,t128=0,t64=0;int it=2000;
  for(int round=0;round<10;round++){
    for(int r=0;r<R;r++)for(int c=0;c<C;c++){double u=rand()/(RAND_MAX+1.0);int code=even?(int)(u*S):(int)(lv[c]*u*u);slot[r][c]=code<100?code:100;}
    group();
    double t0=now();for(int i=0;i<it;i++)full(-1e-6f);double t1=now();
    if(tiles){for(int i=0;i<it;i++)tiled(-1e-6f,128);}else{for(int i=0;i<it;i++)full16(-1e-6f);}double t2=now();
    if(tiles){for(int i=0;i<it;i++)tiled(-1e-6f,64);}else{for(int i=0;i<it;i++)streamed(-1e-6f);}double t3=now();
    tf+=t1-t0;t128+=t2-t1;t64+=t3-t2;}
  printf(tiles?"%s: full %.2f us, tiles of 128: %.2f us (%.2fx), tiles of 64: %.2f us (%.2fx)\n"
              :"%s: full %.2f us, 16 vectors: %.2f us (%.2fx), streamed rows: %.2f us (%.2fx)\n",even?"even":"skewed",tf/10/it*1e6,t128/10/it*1e6,tf/t128,t64/10/it*1e6,tf/t64);
  return 0;}
