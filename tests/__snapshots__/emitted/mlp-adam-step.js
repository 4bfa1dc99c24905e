// k0 dot [16,64]: q = dot_general[contracting=((1,), (0,)) batch=((), ())] o b | r = add q a ; s = max r 0:f32[] ; ch = gt r 0:f32[] ; ci = convert_element_type[newDtype=float32] ch ; cj = eq r 0:f32[] ; ck = convert_element_type[newDtype=float32] cj ; cl = mul ck 0.5:f32[] ; cm = add ci cl -> s cm
// k1 dot [16,10]: t = dot_general[contracting=((1,), (0,)) batch=((), ())] s d | u = add t c -> u
// k2 elementwise [16]: v = lt p 0:i32[] ; w = add p 10:i32[] ; x = select_n v p w -> x
// k3 reduce [16,10] -> [16]: ba = eq y z ; bb = select_n ba 0:f32[] u | bc = reduce_sum[axes=(1,)] bb -> ba bc
// k4 elementwise [16]: bd = ge p -10:i32[] ; be = lt p 10:i32[] ; bf = and bd be ; bg = select_n bf nan:f32[] bc -> bf bg
// k5 reduce [16,10] -> [16]: bh = reduce_max[axes=(1,)] u -> bh
// k6 elementwise [16,1]: bj = sub bi bi ; bk = eq bj bj ; bl = select_n bk 0:f32[] bi -> bl
// k7 reduce [16,10] -> [16]: bm = sub u bl ; bn = exp bm | bo = reduce_sum[axes=(1,)] bn | bp = log bo ; br = add bp bq ; bs = sub br bg ; bx = div 0.0625:f32[] bo -> bn bs bx
// k8 reduce [16] -> []: bt = reduce_sum[axes=(0,)] bs | bu = mul bt 0.0625:f32[] -> bu
// k9 elementwise [16]: bw = neg bv ; ca = select_n bf 0:f32[] bw -> ca
// k10 elementwise [16,10]: bz = mul by bn -> bz
// k11 reduce [16,10] -> [10]: cc = select_n ba 0:f32[] cb ; cd = add bz cc | ce = reduce_sum[axes=(0,)] cd | cw = mul 0.10000000149011612:f32[] ce ; dk = integer_pow[y=2] ce ; dl = mul 0.0010000000474974513:f32[] dk -> cd cw dl
// k12 dot [16,64]: cf = dot_general[contracting=((1,), (1,)) batch=((), ())] cd d | cn = mul cf cm -> cn
// k13 dot [64,10]: cg = dot_general[contracting=((0,), (0,)) batch=((), ())] s cd | cz = mul 0.10000000149011612:f32[] cg ; do = integer_pow[y=2] cg ; dp = mul 0.0010000000474974513:f32[] do -> cz dp
// k14 reduce [16,64] -> [64]: co = reduce_sum[axes=(0,)] cn | cq = mul 0.10000000149011612:f32[] co ; dc = integer_pow[y=2] co ; dd = mul 0.0010000000474974513:f32[] dc -> cq dd
// k15 dot [32,64]: cp = dot_general[contracting=((0,), (0,)) batch=((), ())] o cn | ct = mul 0.10000000149011612:f32[] cp ; dg = integer_pow[y=2] cp ; dh = mul 0.0010000000474974513:f32[] dg -> ct dh
// k16 elementwise [64]: cr = mul 0.8999999761581421:f32[] f ; cs = add cq cr -> cs
// k17 elementwise [32,64]: cu = mul 0.8999999761581421:f32[] g ; cv = add ct cu -> cv
// k18 elementwise [10]: cx = mul 0.8999999761581421:f32[] h ; cy = add cw cx -> cy
// k19 elementwise [64,10]: da = mul 0.8999999761581421:f32[] i ; db = add cz da -> db
// k20 elementwise [64]: de = mul 0.9990000128746033:f32[] j ; df = add dd de -> df
// k21 elementwise [32,64]: di = mul 0.9990000128746033:f32[] k ; dj = add dh di -> dj
// k22 elementwise [10]: dm = mul 0.9990000128746033:f32[] l ; dn = add dl dm -> dn
// k23 elementwise [64,10]: dq = mul 0.9990000128746033:f32[] m ; dr = add dp dq -> dr
// k24 elementwise []: ds = lt e 2147483647:i32[] ; dt = add e 1:i32[] ; du = select_n ds 2147483647:i32[] dt ; dv = convert_element_type[newDtype=float32] du ; dw = pow 0.8999999761581421:f32[] dv ; dx = sub 1:f32[] dw ; dy = div 1:f32[] dx ; ed = pow 0.9990000128746033:f32[] dv ; ee = sub 1:f32[] ed ; ef = div 1:f32[] ee -> du dy ef
// k25 elementwise [64]: dz = mul cs dy -> dz
// k26 elementwise [32,64]: ea = mul cv dy -> ea
// k27 elementwise [10]: eb = mul cy dy -> eb
// k28 elementwise [64,10]: ec = mul db dy -> ec
// k29 elementwise [64]: eg = mul df ef ; ek = add eg 0:f32[] ; el = sqrt ek ; em = add el 9.99999993922529e-9:f32[] ; en = div dz em ; fa = mul -0.0010000000474974513:f32[] en ; fe = add a fa -> fe
// k30 elementwise [32,64]: eh = mul dj ef ; eo = add eh 0:f32[] ; ep = sqrt eo ; eq = add ep 9.99999993922529e-9:f32[] ; er = div ea eq ; fb = mul -0.0010000000474974513:f32[] er ; ff = add b fb -> ff
// k31 elementwise [10]: ei = mul dn ef ; es = add ei 0:f32[] ; et = sqrt es ; eu = add et 9.99999993922529e-9:f32[] ; ev = div eb eu ; fc = mul -0.0010000000474974513:f32[] ev ; fg = add c fc -> fg
// k32 elementwise [64,10]: ej = mul dr ef ; ew = add ej 0:f32[] ; ex = sqrt ew ; ey = add ex 9.99999993922529e-9:f32[] ; ez = div ec ey ; fd = mul -0.0010000000474974513:f32[] ez ; fh = add d fd -> fh
// k33 elementwise []: fi = add n 1:u32[] -> fi
// wasm: none
const s0 = new Float64Array(512);
const s1 = new Float64Array(2048);
const s2 = new Float64Array(1024);
const pk0 = function (src0, at0, n0, len0) {
  const t0 = s0;
  for (let v0 = 0; v0 < n0; v0 += 4) {
    let ps0 = at0 + v0 * 32;
    let pd0 = v0 * 32;
    for (let k0 = 0; k0 < len0; k0++) {
      t0[pd0] = src0[ps0];
      t0[pd0 + 1] = src0[ps0 + 32];
      t0[pd0 + 2] = src0[ps0 + 64];
      t0[pd0 + 3] = src0[ps0 + 96];
      ps0 += 1;
      pd0 += 4;
    }
  }
};
const pk1 = function (src1, at1, n1, len1) {
  const t1 = s1;
  for (let v1 = 0; v1 < n1; v1 += 4) {
    let ps1 = at1 + v1;
    let pd1 = v1 * 32;
    for (let k1 = 0; k1 < len1; k1++) {
      t1[pd1] = src1[ps1];
      t1[pd1 + 1] = src1[ps1 + 1];
      t1[pd1 + 2] = src1[ps1 + 2];
      t1[pd1 + 3] = src1[ps1 + 3];
      ps1 += 64;
      pd1 += 4;
    }
  }
};
const mk0 = function (mc0, nc0, kn0) {
  const t2 = s0;
  const t3 = s1;
  const t4 = s2;
  for (let jp0 = 0; jp0 < nc0; jp0 += 4) {
    for (let ip0 = 0; ip0 < mc0; ip0 += 4) {
      const po0 = ip0 * 64 + jp0;
      let c0 = t4[po0], c1 = t4[po0 + 1], c2 = t4[po0 + 2], c3 = t4[po0 + 3], c4 = t4[po0 + 64], c5 = t4[po0 + 65], c6 = t4[po0 + 66], c7 = t4[po0 + 67], c8 = t4[po0 + 128], c9 = t4[po0 + 129], c10 = t4[po0 + 130], c11 = t4[po0 + 131], c12 = t4[po0 + 192], c13 = t4[po0 + 193], c14 = t4[po0 + 194], c15 = t4[po0 + 195];
      let pa0 = ip0 * 32;
      let pb0 = jp0 * 32;
      for (let k2 = 0; k2 < kn0; k2++) {
        const a0 = t2[pa0];
        const a1 = t2[pa0 + 1];
        const a2 = t2[pa0 + 2];
        const a3 = t2[pa0 + 3];
        const b0 = t3[pb0];
        const b1 = t3[pb0 + 1];
        const b2 = t3[pb0 + 2];
        const b3 = t3[pb0 + 3];
        c0 += a0 * b0;
        c1 += a0 * b1;
        c2 += a0 * b2;
        c3 += a0 * b3;
        c4 += a1 * b0;
        c5 += a1 * b1;
        c6 += a1 * b2;
        c7 += a1 * b3;
        c8 += a2 * b0;
        c9 += a2 * b1;
        c10 += a2 * b2;
        c11 += a2 * b3;
        c12 += a3 * b0;
        c13 += a3 * b1;
        c14 += a3 * b2;
        c15 += a3 * b3;
        pa0 += 4;
        pb0 += 4;
      }
      t4[po0] = c0;
      t4[po0 + 1] = c1;
      t4[po0 + 2] = c2;
      t4[po0 + 3] = c3;
      t4[po0 + 64] = c4;
      t4[po0 + 65] = c5;
      t4[po0 + 66] = c6;
      t4[po0 + 67] = c7;
      t4[po0 + 128] = c8;
      t4[po0 + 129] = c9;
      t4[po0 + 130] = c10;
      t4[po0 + 131] = c11;
      t4[po0 + 192] = c12;
      t4[po0 + 193] = c13;
      t4[po0 + 194] = c14;
      t4[po0 + 195] = c15;
    }
  }
};
const s3 = new Float32Array(1024);
const s4 = new Float32Array(1024);
const s5 = new Float64Array(40);
const s6 = new Float32Array(160);
const s7 = new Int32Array(16);
const s8 = new Uint8Array(160);
const s9 = new Float32Array(16);
const s10 = new Uint8Array(16);
const s11 = new Float32Array(16);
const s12 = new Float32Array(16);
const s13 = new Float32Array(160);
const s14 = new Float32Array(16);
const s15 = new Float64Array(10);
const s16 = new Float32Array(10);
const s17 = new Float32Array(10);
const s18 = new Float64Array(256);
const s19 = new Float32Array(1024);
const s20 = new Float32Array(640);
const s21 = new Float32Array(640);
const s22 = new Float64Array(64);
const s23 = new Float32Array(64);
const s24 = new Float32Array(64);
const s25 = new Float32Array(2048);
const s26 = new Float32Array(2048);
const s27 = new Float32Array(1);
const s28 = new Float32Array(1);
return function (args) {
  const x0 = args[14];
  const x1 = args[1];
  const t5 = s2;
  const x2 = args[0];
  const t6 = s3;
  const t7 = s4;
  const x3 = args[3];
  const t8 = s5;
  const x4 = args[2];
  const t9 = s6;
  const x5 = args[15];
  const t10 = s7;
  const t11 = s8;
  const t12 = s9;
  const t13 = s10;
  const t14 = s11;
  const t15 = s12;
  const t16 = s13;
  const t17 = s14;
  const y0 = new Float32Array(1);
  const t18 = s15;
  const t19 = s16;
  const t20 = s17;
  const t21 = s18;
  const t22 = s19;
  const t23 = s20;
  const t24 = s21;
  const t25 = s22;
  const t26 = s23;
  const t27 = s24;
  const t28 = s25;
  const t29 = s26;
  const x6 = args[5];
  const x7 = args[6];
  const x8 = args[7];
  const x9 = args[8];
  const x10 = args[9];
  const x11 = args[10];
  const x12 = args[11];
  const x13 = args[12];
  const x14 = args[4];
  const t30 = s27;
  const t31 = s28;
  const x15 = args[13];
  t5.fill(0);
  pk0(x0, 0, 16, 32);
  pk1(x1, 0, 64, 32);
  mk0(16, 64, 32);
  for (let i0 = 0; i0 < 16; i0++) {
    for (let i1 = 0; i1 < 64; i1++) {
      const p0 = i0 * 64 + i1;
      const v2 = Math.fround(t5[p0]);
      const v3 = x2[i1];
      const v4 = Math.fround(v2 + v3);
      const v5 = Math.max(v4, 0);
      const v6 = v4 > 0 ? 1 : 0;
      const v7 = Math.fround(v6);
      const v8 = v4 === 0 ? 1 : 0;
      const v9 = Math.fround(v8);
      const v10 = Math.fround(v9 * 0.5);
      const v11 = Math.fround(v7 + v10);
      t6[p0] = v5;
      t7[p0] = v11;
    }
  }
  for (let i2 = 0; i2 < 16; i2 += 4) {
    for (let j0 = 0; j0 < 8; j0 += 4) {
      let c16 = 0, c17 = 0, c18 = 0, c19 = 0, c20 = 0, c21 = 0, c22 = 0, c23 = 0, c24 = 0, c25 = 0, c26 = 0, c27 = 0, c28 = 0, c29 = 0, c30 = 0, c31 = 0;
      let pa1 = i2 * 64;
      let pb1 = j0;
      for (let k3 = 0; k3 < 64; k3++) {
        const a4 = t6[pa1];
        const a5 = t6[pa1 + 64];
        const a6 = t6[pa1 + 128];
        const a7 = t6[pa1 + 192];
        const b4 = x3[pb1];
        const b5 = x3[pb1 + 1];
        const b6 = x3[pb1 + 2];
        const b7 = x3[pb1 + 3];
        c16 += a4 * b4;
        c17 += a4 * b5;
        c18 += a4 * b6;
        c19 += a4 * b7;
        c20 += a5 * b4;
        c21 += a5 * b5;
        c22 += a5 * b6;
        c23 += a5 * b7;
        c24 += a6 * b4;
        c25 += a6 * b5;
        c26 += a6 * b6;
        c27 += a6 * b7;
        c28 += a7 * b4;
        c29 += a7 * b5;
        c30 += a7 * b6;
        c31 += a7 * b7;
        pa1 += 1;
        pb1 += 10;
      }
      t8[j0] = c16;
      t8[j0 + 1] = c17;
      t8[j0 + 2] = c18;
      t8[j0 + 3] = c19;
      t8[j0 + 10] = c20;
      t8[j0 + 11] = c21;
      t8[j0 + 12] = c22;
      t8[j0 + 13] = c23;
      t8[j0 + 20] = c24;
      t8[j0 + 21] = c25;
      t8[j0 + 22] = c26;
      t8[j0 + 23] = c27;
      t8[j0 + 30] = c28;
      t8[j0 + 31] = c29;
      t8[j0 + 32] = c30;
      t8[j0 + 33] = c31;
    }
    for (let j1 = 8; j1 < 10; j1++) {
      let c32 = 0, c33 = 0, c34 = 0, c35 = 0;
      let pa2 = i2 * 64;
      let pb2 = j1;
      for (let k4 = 0; k4 < 64; k4++) {
        const a8 = t6[pa2];
        const a9 = t6[pa2 + 64];
        const a10 = t6[pa2 + 128];
        const a11 = t6[pa2 + 192];
        const b8 = x3[pb2];
        c32 += a8 * b8;
        c33 += a9 * b8;
        c34 += a10 * b8;
        c35 += a11 * b8;
        pa2 += 1;
        pb2 += 10;
      }
      t8[j1] = c32;
      t8[j1 + 10] = c33;
      t8[j1 + 20] = c34;
      t8[j1 + 30] = c35;
    }
    for (let i3 = 0; i3 < 4; i3++) {
      for (let i4 = 0; i4 < 10; i4++) {
        const p1 = i3 * 10 + i4;
        const v12 = Math.fround(t8[p1]);
        const v13 = x4[i4];
        const v14 = Math.fround(v12 + v13);
        const p2 = i2 * 10 + i3 * 10 + i4;
        t9[p2] = v14;
      }
    }
  }
  for (let i5 = 0; i5 < 16; i5++) {
    const v15 = x5[i5];
    const v16 = v15 < 0 ? 1 : 0;
    const v17 = v15 + 10 | 0;
    const v18 = v16 ? v17 : v15;
    t10[i5] = v18;
  }
  for (let i6 = 0; i6 < 16; i6++) {
    let acc0 = 0;
    const v19 = t10[i6];
    for (let i7 = 0; i7 < 10; i7++) {
      const v20 = v19 === i7 ? 1 : 0;
      const p3 = i6 * 10 + i7;
      const v21 = t9[p3];
      const v22 = v20 ? v21 : 0;
      acc0 += v22;
      t11[p3] = v20;
    }
    const v23 = Math.fround(acc0);
    t12[i6] = v23;
  }
  for (let i8 = 0; i8 < 16; i8++) {
    const v24 = x5[i8];
    const v25 = v24 >= -10 ? 1 : 0;
    const v26 = v24 < 10 ? 1 : 0;
    const v27 = v25 & v26;
    const v28 = t12[i8];
    const v29 = v27 ? v28 : NaN;
    t13[i8] = v27;
    t14[i8] = v29;
  }
  for (let i9 = 0; i9 < 16; i9++) {
    let acc1 = -Infinity;
    for (let i10 = 0; i10 < 10; i10++) {
      const p4 = i9 * 10 + i10;
      const v30 = t9[p4];
      acc1 = Math.max(acc1, v30);
    }
    t12[i9] = acc1;
  }
  for (let i11 = 0; i11 < 16; i11++) {
    const v31 = t12[i11];
    const v32 = Math.fround(v31 - v31);
    const v33 = v32 === v32 ? 1 : 0;
    const v34 = v33 ? v31 : 0;
    t15[i11] = v34;
  }
  for (let i12 = 0; i12 < 16; i12++) {
    let acc2 = 0;
    const v36 = t15[i12];
    const v41 = t15[i12];
    const v43 = t14[i12];
    for (let i13 = 0; i13 < 10; i13++) {
      const p5 = i12 * 10 + i13;
      const v35 = t9[p5];
      const v37 = Math.fround(v35 - v36);
      const v38 = rt.exp32(v37);
      acc2 += v38;
      t16[p5] = v38;
    }
    const v39 = Math.fround(acc2);
    const v40 = rt.log32(v39);
    const v42 = Math.fround(v40 + v41);
    const v44 = Math.fround(v42 - v43);
    const v45 = Math.fround(0.0625 / v39);
    t12[i12] = v44;
    t17[i12] = v45;
  }
  let acc3 = 0;
  for (let i14 = 0; i14 < 16; i14++) {
    const v46 = t12[i14];
    acc3 += v46;
  }
  const v47 = Math.fround(acc3);
  const v48 = Math.fround(v47 * 0.0625);
  y0[0] = v48;
  const v50 = -0.0625;
  for (let i15 = 0; i15 < 16; i15++) {
    const v49 = t13[i15];
    const v51 = v49 ? v50 : 0;
    t12[i15] = v51;
  }
  for (let i16 = 0; i16 < 16; i16++) {
    const v52 = t17[i16];
    for (let i17 = 0; i17 < 10; i17++) {
      const p6 = i16 * 10 + i17;
      const v53 = t16[p6];
      const v54 = Math.fround(v52 * v53);
      t9[p6] = v54;
    }
  }
  t18.fill(0);
  for (let i18 = 0; i18 < 16; i18++) {
    const v57 = t12[i18];
    for (let i19 = 0; i19 < 10; i19++) {
      const p7 = i18 * 10 + i19;
      const v55 = t9[p7];
      const v56 = t11[p7];
      const v58 = v56 ? v57 : 0;
      const v59 = Math.fround(v55 + v58);
      t18[i19] += v59;
      t16[p7] = v59;
    }
  }
  for (let i20 = 0; i20 < 10; i20++) {
    const v60 = Math.fround(t18[i20]);
    const v61 = Math.fround(0.10000000149011612 * v60);
    const v62 = Math.fround(v60 * v60);
    const v63 = Math.fround(0.0010000000474974513 * v62);
    t19[i20] = v61;
    t20[i20] = v63;
  }
  for (let i21 = 0; i21 < 16; i21 += 4) {
    for (let j2 = 0; j2 < 64; j2 += 4) {
      let c36 = 0, c37 = 0, c38 = 0, c39 = 0, c40 = 0, c41 = 0, c42 = 0, c43 = 0, c44 = 0, c45 = 0, c46 = 0, c47 = 0, c48 = 0, c49 = 0, c50 = 0, c51 = 0;
      let pa3 = i21 * 10;
      let pb3 = j2 * 10;
      for (let k5 = 0; k5 < 10; k5++) {
        const a12 = t16[pa3];
        const a13 = t16[pa3 + 10];
        const a14 = t16[pa3 + 20];
        const a15 = t16[pa3 + 30];
        const b9 = x3[pb3];
        const b10 = x3[pb3 + 10];
        const b11 = x3[pb3 + 20];
        const b12 = x3[pb3 + 30];
        c36 += a12 * b9;
        c37 += a12 * b10;
        c38 += a12 * b11;
        c39 += a12 * b12;
        c40 += a13 * b9;
        c41 += a13 * b10;
        c42 += a13 * b11;
        c43 += a13 * b12;
        c44 += a14 * b9;
        c45 += a14 * b10;
        c46 += a14 * b11;
        c47 += a14 * b12;
        c48 += a15 * b9;
        c49 += a15 * b10;
        c50 += a15 * b11;
        c51 += a15 * b12;
        pa3 += 1;
        pb3 += 1;
      }
      t21[j2] = c36;
      t21[j2 + 1] = c37;
      t21[j2 + 2] = c38;
      t21[j2 + 3] = c39;
      t21[j2 + 64] = c40;
      t21[j2 + 65] = c41;
      t21[j2 + 66] = c42;
      t21[j2 + 67] = c43;
      t21[j2 + 128] = c44;
      t21[j2 + 129] = c45;
      t21[j2 + 130] = c46;
      t21[j2 + 131] = c47;
      t21[j2 + 192] = c48;
      t21[j2 + 193] = c49;
      t21[j2 + 194] = c50;
      t21[j2 + 195] = c51;
    }
    for (let i22 = 0; i22 < 4; i22++) {
      for (let i23 = 0; i23 < 64; i23++) {
        const p8 = i22 * 64 + i23;
        const v64 = Math.fround(t21[p8]);
        const p9 = i21 * 64 + i22 * 64 + i23;
        const v65 = t7[p9];
        const v66 = Math.fround(v64 * v65);
        t22[p9] = v66;
      }
    }
  }
  for (let i24 = 0; i24 < 64; i24 += 4) {
    for (let j3 = 0; j3 < 8; j3 += 4) {
      let c52 = 0, c53 = 0, c54 = 0, c55 = 0, c56 = 0, c57 = 0, c58 = 0, c59 = 0, c60 = 0, c61 = 0, c62 = 0, c63 = 0, c64 = 0, c65 = 0, c66 = 0, c67 = 0;
      let pa4 = i24;
      let pb4 = j3;
      for (let k6 = 0; k6 < 16; k6++) {
        const a16 = t6[pa4];
        const a17 = t6[pa4 + 1];
        const a18 = t6[pa4 + 2];
        const a19 = t6[pa4 + 3];
        const b13 = t16[pb4];
        const b14 = t16[pb4 + 1];
        const b15 = t16[pb4 + 2];
        const b16 = t16[pb4 + 3];
        c52 += a16 * b13;
        c53 += a16 * b14;
        c54 += a16 * b15;
        c55 += a16 * b16;
        c56 += a17 * b13;
        c57 += a17 * b14;
        c58 += a17 * b15;
        c59 += a17 * b16;
        c60 += a18 * b13;
        c61 += a18 * b14;
        c62 += a18 * b15;
        c63 += a18 * b16;
        c64 += a19 * b13;
        c65 += a19 * b14;
        c66 += a19 * b15;
        c67 += a19 * b16;
        pa4 += 64;
        pb4 += 10;
      }
      t8[j3] = c52;
      t8[j3 + 1] = c53;
      t8[j3 + 2] = c54;
      t8[j3 + 3] = c55;
      t8[j3 + 10] = c56;
      t8[j3 + 11] = c57;
      t8[j3 + 12] = c58;
      t8[j3 + 13] = c59;
      t8[j3 + 20] = c60;
      t8[j3 + 21] = c61;
      t8[j3 + 22] = c62;
      t8[j3 + 23] = c63;
      t8[j3 + 30] = c64;
      t8[j3 + 31] = c65;
      t8[j3 + 32] = c66;
      t8[j3 + 33] = c67;
    }
    for (let j4 = 8; j4 < 10; j4++) {
      let c68 = 0, c69 = 0, c70 = 0, c71 = 0;
      let pa5 = i24;
      let pb5 = j4;
      for (let k7 = 0; k7 < 16; k7++) {
        const a20 = t6[pa5];
        const a21 = t6[pa5 + 1];
        const a22 = t6[pa5 + 2];
        const a23 = t6[pa5 + 3];
        const b17 = t16[pb5];
        c68 += a20 * b17;
        c69 += a21 * b17;
        c70 += a22 * b17;
        c71 += a23 * b17;
        pa5 += 64;
        pb5 += 10;
      }
      t8[j4] = c68;
      t8[j4 + 10] = c69;
      t8[j4 + 20] = c70;
      t8[j4 + 30] = c71;
    }
    for (let i25 = 0; i25 < 4; i25++) {
      for (let i26 = 0; i26 < 10; i26++) {
        const p10 = i25 * 10 + i26;
        const v67 = Math.fround(t8[p10]);
        const v68 = Math.fround(0.10000000149011612 * v67);
        const v69 = Math.fround(v67 * v67);
        const v70 = Math.fround(0.0010000000474974513 * v69);
        const p11 = i24 * 10 + i25 * 10 + i26;
        t23[p11] = v68;
        t24[p11] = v70;
      }
    }
  }
  t25.fill(0);
  for (let i27 = 0; i27 < 16; i27++) {
    for (let i28 = 0; i28 < 64; i28++) {
      const p12 = i27 * 64 + i28;
      const v71 = t22[p12];
      t25[i28] += v71;
    }
  }
  for (let i29 = 0; i29 < 64; i29++) {
    const v72 = Math.fround(t25[i29]);
    const v73 = Math.fround(0.10000000149011612 * v72);
    const v74 = Math.fround(v72 * v72);
    const v75 = Math.fround(0.0010000000474974513 * v74);
    t26[i29] = v73;
    t27[i29] = v75;
  }
  for (let i30 = 0; i30 < 32; i30 += 4) {
    for (let j5 = 0; j5 < 64; j5 += 4) {
      let c72 = 0, c73 = 0, c74 = 0, c75 = 0, c76 = 0, c77 = 0, c78 = 0, c79 = 0, c80 = 0, c81 = 0, c82 = 0, c83 = 0, c84 = 0, c85 = 0, c86 = 0, c87 = 0;
      let pa6 = i30;
      let pb6 = j5;
      for (let k8 = 0; k8 < 16; k8++) {
        const a24 = x0[pa6];
        const a25 = x0[pa6 + 1];
        const a26 = x0[pa6 + 2];
        const a27 = x0[pa6 + 3];
        const b18 = t22[pb6];
        const b19 = t22[pb6 + 1];
        const b20 = t22[pb6 + 2];
        const b21 = t22[pb6 + 3];
        c72 += a24 * b18;
        c73 += a24 * b19;
        c74 += a24 * b20;
        c75 += a24 * b21;
        c76 += a25 * b18;
        c77 += a25 * b19;
        c78 += a25 * b20;
        c79 += a25 * b21;
        c80 += a26 * b18;
        c81 += a26 * b19;
        c82 += a26 * b20;
        c83 += a26 * b21;
        c84 += a27 * b18;
        c85 += a27 * b19;
        c86 += a27 * b20;
        c87 += a27 * b21;
        pa6 += 32;
        pb6 += 64;
      }
      t21[j5] = c72;
      t21[j5 + 1] = c73;
      t21[j5 + 2] = c74;
      t21[j5 + 3] = c75;
      t21[j5 + 64] = c76;
      t21[j5 + 65] = c77;
      t21[j5 + 66] = c78;
      t21[j5 + 67] = c79;
      t21[j5 + 128] = c80;
      t21[j5 + 129] = c81;
      t21[j5 + 130] = c82;
      t21[j5 + 131] = c83;
      t21[j5 + 192] = c84;
      t21[j5 + 193] = c85;
      t21[j5 + 194] = c86;
      t21[j5 + 195] = c87;
    }
    for (let i31 = 0; i31 < 4; i31++) {
      for (let i32 = 0; i32 < 64; i32++) {
        const p13 = i31 * 64 + i32;
        const v76 = Math.fround(t21[p13]);
        const v77 = Math.fround(0.10000000149011612 * v76);
        const v78 = Math.fround(v76 * v76);
        const v79 = Math.fround(0.0010000000474974513 * v78);
        const p14 = i30 * 64 + i31 * 64 + i32;
        t28[p14] = v77;
        t29[p14] = v79;
      }
    }
  }
  for (let i33 = 0; i33 < 64; i33++) {
    const v80 = t26[i33];
    const v81 = x6[i33];
    const v82 = Math.fround(0.8999999761581421 * v81);
    const v83 = Math.fround(v80 + v82);
    x6[i33] = v83;
  }
  for (let i34 = 0; i34 < 2048; i34++) {
    const v84 = t28[i34];
    const v85 = x7[i34];
    const v86 = Math.fround(0.8999999761581421 * v85);
    const v87 = Math.fround(v84 + v86);
    x7[i34] = v87;
  }
  for (let i35 = 0; i35 < 10; i35++) {
    const v88 = t19[i35];
    const v89 = x8[i35];
    const v90 = Math.fround(0.8999999761581421 * v89);
    const v91 = Math.fround(v88 + v90);
    x8[i35] = v91;
  }
  for (let i36 = 0; i36 < 640; i36++) {
    const v92 = t23[i36];
    const v93 = x9[i36];
    const v94 = Math.fround(0.8999999761581421 * v93);
    const v95 = Math.fround(v92 + v94);
    x9[i36] = v95;
  }
  for (let i37 = 0; i37 < 64; i37++) {
    const v96 = t27[i37];
    const v97 = x10[i37];
    const v98 = Math.fround(0.9990000128746033 * v97);
    const v99 = Math.fround(v96 + v98);
    x10[i37] = v99;
  }
  for (let i38 = 0; i38 < 2048; i38++) {
    const v100 = t29[i38];
    const v101 = x11[i38];
    const v102 = Math.fround(0.9990000128746033 * v101);
    const v103 = Math.fround(v100 + v102);
    x11[i38] = v103;
  }
  for (let i39 = 0; i39 < 10; i39++) {
    const v104 = t20[i39];
    const v105 = x12[i39];
    const v106 = Math.fround(0.9990000128746033 * v105);
    const v107 = Math.fround(v104 + v106);
    x12[i39] = v107;
  }
  for (let i40 = 0; i40 < 640; i40++) {
    const v108 = t24[i40];
    const v109 = x13[i40];
    const v110 = Math.fround(0.9990000128746033 * v109);
    const v111 = Math.fround(v108 + v110);
    x13[i40] = v111;
  }
  const v112 = x14[0];
  const v113 = v112 < 2147483647 ? 1 : 0;
  const v114 = v112 + 1 | 0;
  const v115 = v113 ? v114 : 2147483647;
  const v116 = Math.fround(v115);
  const v117 = Math.fround(Math.pow(0.8999999761581421, v116));
  const v118 = Math.fround(1 - v117);
  const v119 = Math.fround(1 / v118);
  const v120 = Math.fround(Math.pow(0.9990000128746033, v116));
  const v121 = Math.fround(1 - v120);
  const v122 = Math.fround(1 / v121);
  x14[0] = v115;
  t30[0] = v119;
  t31[0] = v122;
  const v124 = t30[0];
  for (let i41 = 0; i41 < 64; i41++) {
    const v123 = x6[i41];
    const v125 = Math.fround(v123 * v124);
    t27[i41] = v125;
  }
  const v127 = t30[0];
  for (let i42 = 0; i42 < 2048; i42++) {
    const v126 = x7[i42];
    const v128 = Math.fround(v126 * v127);
    t29[i42] = v128;
  }
  const v130 = t30[0];
  for (let i43 = 0; i43 < 10; i43++) {
    const v129 = x8[i43];
    const v131 = Math.fround(v129 * v130);
    t20[i43] = v131;
  }
  const v133 = t30[0];
  for (let i44 = 0; i44 < 640; i44++) {
    const v132 = x9[i44];
    const v134 = Math.fround(v132 * v133);
    t24[i44] = v134;
  }
  const v138 = t31[0];
  for (let i45 = 0; i45 < 64; i45++) {
    const v135 = x2[i45];
    const v136 = t27[i45];
    const v137 = x10[i45];
    const v139 = Math.fround(v137 * v138);
    const v140 = Math.fround(v139 + 0);
    const v141 = Math.fround(Math.sqrt(v140));
    const v142 = Math.fround(v141 + 9.99999993922529e-9);
    const v143 = Math.fround(v136 / v142);
    const v144 = Math.fround(-0.0010000000474974513 * v143);
    const v145 = Math.fround(v135 + v144);
    x2[i45] = v145;
  }
  const v149 = t31[0];
  for (let i46 = 0; i46 < 2048; i46++) {
    const v146 = x1[i46];
    const v147 = t29[i46];
    const v148 = x11[i46];
    const v150 = Math.fround(v148 * v149);
    const v151 = Math.fround(v150 + 0);
    const v152 = Math.fround(Math.sqrt(v151));
    const v153 = Math.fround(v152 + 9.99999993922529e-9);
    const v154 = Math.fround(v147 / v153);
    const v155 = Math.fround(-0.0010000000474974513 * v154);
    const v156 = Math.fround(v146 + v155);
    x1[i46] = v156;
  }
  const v160 = t31[0];
  for (let i47 = 0; i47 < 10; i47++) {
    const v157 = x4[i47];
    const v158 = t20[i47];
    const v159 = x12[i47];
    const v161 = Math.fround(v159 * v160);
    const v162 = Math.fround(v161 + 0);
    const v163 = Math.fround(Math.sqrt(v162));
    const v164 = Math.fround(v163 + 9.99999993922529e-9);
    const v165 = Math.fround(v158 / v164);
    const v166 = Math.fround(-0.0010000000474974513 * v165);
    const v167 = Math.fround(v157 + v166);
    x4[i47] = v167;
  }
  const v171 = t31[0];
  for (let i48 = 0; i48 < 640; i48++) {
    const v168 = x3[i48];
    const v169 = t24[i48];
    const v170 = x13[i48];
    const v172 = Math.fround(v170 * v171);
    const v173 = Math.fround(v172 + 0);
    const v174 = Math.fround(Math.sqrt(v173));
    const v175 = Math.fround(v174 + 9.99999993922529e-9);
    const v176 = Math.fround(v169 / v175);
    const v177 = Math.fround(-0.0010000000474974513 * v176);
    const v178 = Math.fround(v168 + v177);
    x3[i48] = v178;
  }
  const v179 = x15[0];
  const v180 = v179 + 1 >>> 0;
  x15[0] = v180;
  return [y0, x2, x1, x4, x3, x14, x6, x7, x8, x9, x10, x11, x12, x13, x15];
};

