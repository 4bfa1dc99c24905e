module @mlp_train_step attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<16xf32>, %arg1: tensor<4x16xf32>, %arg2: tensor<3xf32>, %arg3: tensor<16x3xf32>, %arg4: tensor<i32>, %arg5: tensor<16xf32>, %arg6: tensor<4x16xf32>, %arg7: tensor<3xf32>, %arg8: tensor<16x3xf32>, %arg9: tensor<16xf32>, %arg10: tensor<4x16xf32>, %arg11: tensor<3xf32>, %arg12: tensor<16x3xf32>, %arg13: tensor<ui32>, %arg14: tensor<274x4xf32>, %arg15: tensor<274xi32>) -> (tensor<f32>, tensor<16xf32>, tensor<4x16xf32>, tensor<3xf32>, tensor<16x3xf32>, tensor<i32>, tensor<16xf32>, tensor<4x16xf32>, tensor<3xf32>, tensor<16x3xf32>, tensor<16xf32>, tensor<4x16xf32>, tensor<3xf32>, tensor<16x3xf32>, tensor<ui32>) {
    %0 = stablehlo.dot_general %arg14, %arg1, contracting_dims = [1] x [0] : (tensor<274x4xf32>, tensor<4x16xf32>) -> tensor<274x16xf32>
    %1 = stablehlo.broadcast_in_dim %arg0, dims = [1] : (tensor<16xf32>) -> tensor<274x16xf32>
    %2 = stablehlo.add %0, %1 : tensor<274x16xf32>
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<274x16xf32>
    %3 = stablehlo.maximum %2, %cst : tensor<274x16xf32>
    %4 = stablehlo.dot_general %3, %arg3, contracting_dims = [1] x [0] : (tensor<274x16xf32>, tensor<16x3xf32>) -> tensor<274x3xf32>
    %5 = stablehlo.broadcast_in_dim %arg2, dims = [1] : (tensor<3xf32>) -> tensor<274x3xf32>
    %6 = stablehlo.add %4, %5 : tensor<274x3xf32>
    %c = stablehlo.constant dense<0> : tensor<274xi32>
    %7 = stablehlo.compare LT, %arg15, %c, SIGNED : (tensor<274xi32>, tensor<274xi32>) -> tensor<274xi1>
    %c_0 = stablehlo.constant dense<3> : tensor<274xi32>
    %8 = stablehlo.add %arg15, %c_0 : tensor<274xi32>
    %9 = stablehlo.select %7, %8, %arg15 : tensor<274xi1>, tensor<274xi32>
    %10 = stablehlo.reshape %9 : (tensor<274xi32>) -> tensor<274x1xi32>
    %11 = stablehlo.iota dim = 1 : tensor<274x3xi32>
    %12 = stablehlo.broadcast_in_dim %10, dims = [0, 1] : (tensor<274x1xi32>) -> tensor<274x3xi32>
    %13 = stablehlo.compare EQ, %12, %11, SIGNED : (tensor<274x3xi32>, tensor<274x3xi32>) -> tensor<274x3xi1>
    %cst_1 = stablehlo.constant dense<0.000000e+00> : tensor<274x3xf32>
    %14 = stablehlo.select %13, %6, %cst_1 : tensor<274x3xi1>, tensor<274x3xf32>
    %cst_2 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %15 = stablehlo.reduce(%14 init: %cst_2) applies stablehlo.add across dimensions = [1] : (tensor<274x3xf32>, tensor<f32>) -> tensor<274xf32>
    %c_3 = stablehlo.constant dense<-3> : tensor<274xi32>
    %16 = stablehlo.compare GE, %arg15, %c_3, SIGNED : (tensor<274xi32>, tensor<274xi32>) -> tensor<274xi1>
    %c_4 = stablehlo.constant dense<3> : tensor<274xi32>
    %17 = stablehlo.compare LT, %arg15, %c_4, SIGNED : (tensor<274xi32>, tensor<274xi32>) -> tensor<274xi1>
    %18 = stablehlo.and %16, %17 : tensor<274xi1>
    %cst_5 = stablehlo.constant dense<0x7FC00000> : tensor<274xf32>
    %19 = stablehlo.select %18, %15, %cst_5 : tensor<274xi1>, tensor<274xf32>
    %cst_6 = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %20 = stablehlo.reduce(%6 init: %cst_6) applies stablehlo.maximum across dimensions = [1] : (tensor<274x3xf32>, tensor<f32>) -> tensor<274xf32>
    %21 = stablehlo.reshape %20 : (tensor<274xf32>) -> tensor<274x1xf32>
    %22 = stablehlo.subtract %21, %21 : tensor<274x1xf32>
    %23 = stablehlo.compare EQ, %22, %22, FLOAT : (tensor<274x1xf32>, tensor<274x1xf32>) -> tensor<274x1xi1>
    %cst_7 = stablehlo.constant dense<0.000000e+00> : tensor<274x1xf32>
    %24 = stablehlo.select %23, %21, %cst_7 : tensor<274x1xi1>, tensor<274x1xf32>
    %25 = stablehlo.broadcast_in_dim %24, dims = [0, 1] : (tensor<274x1xf32>) -> tensor<274x3xf32>
    %26 = stablehlo.subtract %6, %25 : tensor<274x3xf32>
    %27 = stablehlo.exponential %26 : tensor<274x3xf32>
    %cst_8 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %28 = stablehlo.reduce(%27 init: %cst_8) applies stablehlo.add across dimensions = [1] : (tensor<274x3xf32>, tensor<f32>) -> tensor<274xf32>
    %29 = stablehlo.log %28 : tensor<274xf32>
    %30 = stablehlo.reshape %24 : (tensor<274x1xf32>) -> tensor<274xf32>
    %31 = stablehlo.add %29, %30 : tensor<274xf32>
    %32 = stablehlo.subtract %31, %19 : tensor<274xf32>
    %cst_9 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %33 = stablehlo.reduce(%32 init: %cst_9) applies stablehlo.add across dimensions = [0] : (tensor<274xf32>, tensor<f32>) -> tensor<f32>
    %cst_10 = stablehlo.constant dense<0.00364963501> : tensor<f32>
    %34 = stablehlo.multiply %33, %cst_10 : tensor<f32>
    %cst_11 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %cst_12 = stablehlo.constant dense<0.00364963501> : tensor<f32>
    %35 = stablehlo.multiply %cst_11, %cst_12 : tensor<f32>
    %36 = stablehlo.broadcast_in_dim %35, dims = [] : (tensor<f32>) -> tensor<274xf32>
    %37 = stablehlo.negate %36 : tensor<274xf32>
    %38 = stablehlo.divide %36, %28 : tensor<274xf32>
    %39 = stablehlo.broadcast_in_dim %38, dims = [0] : (tensor<274xf32>) -> tensor<274x3xf32>
    %40 = stablehlo.multiply %39, %27 : tensor<274x3xf32>
    %cst_13 = stablehlo.constant dense<0.000000e+00> : tensor<274xf32>
    %41 = stablehlo.select %18, %37, %cst_13 : tensor<274xi1>, tensor<274xf32>
    %42 = stablehlo.broadcast_in_dim %41, dims = [0] : (tensor<274xf32>) -> tensor<274x3xf32>
    %cst_14 = stablehlo.constant dense<0.000000e+00> : tensor<274x3xf32>
    %43 = stablehlo.select %13, %42, %cst_14 : tensor<274x3xi1>, tensor<274x3xf32>
    %44 = stablehlo.add %40, %43 : tensor<274x3xf32>
    %cst_15 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %45 = stablehlo.reduce(%44 init: %cst_15) applies stablehlo.add across dimensions = [0] : (tensor<274x3xf32>, tensor<f32>) -> tensor<3xf32>
    %46 = stablehlo.dot_general %44, %arg3, contracting_dims = [1] x [1] : (tensor<274x3xf32>, tensor<16x3xf32>) -> tensor<274x16xf32>
    %47 = stablehlo.dot_general %3, %44, contracting_dims = [0] x [0] : (tensor<274x16xf32>, tensor<274x3xf32>) -> tensor<16x3xf32>
    %cst_16 = stablehlo.constant dense<0.000000e+00> : tensor<274x16xf32>
    %48 = stablehlo.compare GT, %2, %cst_16, FLOAT : (tensor<274x16xf32>, tensor<274x16xf32>) -> tensor<274x16xi1>
    %49 = stablehlo.convert %48 : (tensor<274x16xi1>) -> tensor<274x16xf32>
    %cst_17 = stablehlo.constant dense<0.000000e+00> : tensor<274x16xf32>
    %50 = stablehlo.compare EQ, %2, %cst_17, FLOAT : (tensor<274x16xf32>, tensor<274x16xf32>) -> tensor<274x16xi1>
    %51 = stablehlo.convert %50 : (tensor<274x16xi1>) -> tensor<274x16xf32>
    %cst_18 = stablehlo.constant dense<5.000000e-01> : tensor<274x16xf32>
    %52 = stablehlo.multiply %51, %cst_18 : tensor<274x16xf32>
    %53 = stablehlo.add %49, %52 : tensor<274x16xf32>
    %54 = stablehlo.multiply %46, %53 : tensor<274x16xf32>
    %cst_19 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %55 = stablehlo.reduce(%54 init: %cst_19) applies stablehlo.add across dimensions = [0] : (tensor<274x16xf32>, tensor<f32>) -> tensor<16xf32>
    %56 = stablehlo.dot_general %arg14, %54, contracting_dims = [0] x [0] : (tensor<274x4xf32>, tensor<274x16xf32>) -> tensor<4x16xf32>
    %cst_20 = stablehlo.constant dense<1.000000e-01> : tensor<16xf32>
    %57 = stablehlo.multiply %cst_20, %55 : tensor<16xf32>
    %cst_21 = stablehlo.constant dense<0.899999976> : tensor<16xf32>
    %58 = stablehlo.multiply %cst_21, %arg5 : tensor<16xf32>
    %59 = stablehlo.add %57, %58 : tensor<16xf32>
    %cst_22 = stablehlo.constant dense<1.000000e-01> : tensor<4x16xf32>
    %60 = stablehlo.multiply %cst_22, %56 : tensor<4x16xf32>
    %cst_23 = stablehlo.constant dense<0.899999976> : tensor<4x16xf32>
    %61 = stablehlo.multiply %cst_23, %arg6 : tensor<4x16xf32>
    %62 = stablehlo.add %60, %61 : tensor<4x16xf32>
    %cst_24 = stablehlo.constant dense<1.000000e-01> : tensor<3xf32>
    %63 = stablehlo.multiply %cst_24, %45 : tensor<3xf32>
    %cst_25 = stablehlo.constant dense<0.899999976> : tensor<3xf32>
    %64 = stablehlo.multiply %cst_25, %arg7 : tensor<3xf32>
    %65 = stablehlo.add %63, %64 : tensor<3xf32>
    %cst_26 = stablehlo.constant dense<1.000000e-01> : tensor<16x3xf32>
    %66 = stablehlo.multiply %cst_26, %47 : tensor<16x3xf32>
    %cst_27 = stablehlo.constant dense<0.899999976> : tensor<16x3xf32>
    %67 = stablehlo.multiply %cst_27, %arg8 : tensor<16x3xf32>
    %68 = stablehlo.add %66, %67 : tensor<16x3xf32>
    %69 = stablehlo.multiply %55, %55 : tensor<16xf32>
    %cst_28 = stablehlo.constant dense<1.000000e-03> : tensor<16xf32>
    %70 = stablehlo.multiply %cst_28, %69 : tensor<16xf32>
    %cst_29 = stablehlo.constant dense<9.990000e-01> : tensor<16xf32>
    %71 = stablehlo.multiply %cst_29, %arg9 : tensor<16xf32>
    %72 = stablehlo.add %70, %71 : tensor<16xf32>
    %73 = stablehlo.multiply %56, %56 : tensor<4x16xf32>
    %cst_30 = stablehlo.constant dense<1.000000e-03> : tensor<4x16xf32>
    %74 = stablehlo.multiply %cst_30, %73 : tensor<4x16xf32>
    %cst_31 = stablehlo.constant dense<9.990000e-01> : tensor<4x16xf32>
    %75 = stablehlo.multiply %cst_31, %arg10 : tensor<4x16xf32>
    %76 = stablehlo.add %74, %75 : tensor<4x16xf32>
    %77 = stablehlo.multiply %45, %45 : tensor<3xf32>
    %cst_32 = stablehlo.constant dense<1.000000e-03> : tensor<3xf32>
    %78 = stablehlo.multiply %cst_32, %77 : tensor<3xf32>
    %cst_33 = stablehlo.constant dense<9.990000e-01> : tensor<3xf32>
    %79 = stablehlo.multiply %cst_33, %arg11 : tensor<3xf32>
    %80 = stablehlo.add %78, %79 : tensor<3xf32>
    %81 = stablehlo.multiply %47, %47 : tensor<16x3xf32>
    %cst_34 = stablehlo.constant dense<1.000000e-03> : tensor<16x3xf32>
    %82 = stablehlo.multiply %cst_34, %81 : tensor<16x3xf32>
    %cst_35 = stablehlo.constant dense<9.990000e-01> : tensor<16x3xf32>
    %83 = stablehlo.multiply %cst_35, %arg12 : tensor<16x3xf32>
    %84 = stablehlo.add %82, %83 : tensor<16x3xf32>
    %c_36 = stablehlo.constant dense<2147483647> : tensor<i32>
    %85 = stablehlo.compare LT, %arg4, %c_36, SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
    %c_37 = stablehlo.constant dense<1> : tensor<i32>
    %86 = stablehlo.add %arg4, %c_37 : tensor<i32>
    %c_38 = stablehlo.constant dense<2147483647> : tensor<i32>
    %87 = stablehlo.select %85, %86, %c_38 : tensor<i1>, tensor<i32>
    %88 = stablehlo.convert %87 : (tensor<i32>) -> tensor<f32>
    %cst_39 = stablehlo.constant dense<0.899999976> : tensor<f32>
    %89 = stablehlo.power %cst_39, %88 : tensor<f32>
    %cst_40 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %90 = stablehlo.subtract %cst_40, %89 : tensor<f32>
    %cst_41 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %91 = stablehlo.divide %cst_41, %90 : tensor<f32>
    %92 = stablehlo.broadcast_in_dim %91, dims = [] : (tensor<f32>) -> tensor<16xf32>
    %93 = stablehlo.multiply %59, %92 : tensor<16xf32>
    %cst_42 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %94 = stablehlo.divide %cst_42, %90 : tensor<f32>
    %95 = stablehlo.broadcast_in_dim %94, dims = [] : (tensor<f32>) -> tensor<4x16xf32>
    %96 = stablehlo.multiply %62, %95 : tensor<4x16xf32>
    %cst_43 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %97 = stablehlo.divide %cst_43, %90 : tensor<f32>
    %98 = stablehlo.broadcast_in_dim %97, dims = [] : (tensor<f32>) -> tensor<3xf32>
    %99 = stablehlo.multiply %65, %98 : tensor<3xf32>
    %cst_44 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %100 = stablehlo.divide %cst_44, %90 : tensor<f32>
    %101 = stablehlo.broadcast_in_dim %100, dims = [] : (tensor<f32>) -> tensor<16x3xf32>
    %102 = stablehlo.multiply %68, %101 : tensor<16x3xf32>
    %103 = stablehlo.convert %87 : (tensor<i32>) -> tensor<f32>
    %cst_45 = stablehlo.constant dense<9.990000e-01> : tensor<f32>
    %104 = stablehlo.power %cst_45, %103 : tensor<f32>
    %cst_46 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %105 = stablehlo.subtract %cst_46, %104 : tensor<f32>
    %cst_47 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %106 = stablehlo.divide %cst_47, %105 : tensor<f32>
    %107 = stablehlo.broadcast_in_dim %106, dims = [] : (tensor<f32>) -> tensor<16xf32>
    %108 = stablehlo.multiply %72, %107 : tensor<16xf32>
    %cst_48 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %109 = stablehlo.divide %cst_48, %105 : tensor<f32>
    %110 = stablehlo.broadcast_in_dim %109, dims = [] : (tensor<f32>) -> tensor<4x16xf32>
    %111 = stablehlo.multiply %76, %110 : tensor<4x16xf32>
    %cst_49 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %112 = stablehlo.divide %cst_49, %105 : tensor<f32>
    %113 = stablehlo.broadcast_in_dim %112, dims = [] : (tensor<f32>) -> tensor<3xf32>
    %114 = stablehlo.multiply %80, %113 : tensor<3xf32>
    %cst_50 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %115 = stablehlo.divide %cst_50, %105 : tensor<f32>
    %116 = stablehlo.broadcast_in_dim %115, dims = [] : (tensor<f32>) -> tensor<16x3xf32>
    %117 = stablehlo.multiply %84, %116 : tensor<16x3xf32>
    %cst_51 = stablehlo.constant dense<0.000000e+00> : tensor<16xf32>
    %118 = stablehlo.add %108, %cst_51 : tensor<16xf32>
    %119 = stablehlo.sqrt %118 : tensor<16xf32>
    %cst_52 = stablehlo.constant dense<9.99999993E-9> : tensor<16xf32>
    %120 = stablehlo.add %119, %cst_52 : tensor<16xf32>
    %121 = stablehlo.divide %93, %120 : tensor<16xf32>
    %cst_53 = stablehlo.constant dense<0.000000e+00> : tensor<4x16xf32>
    %122 = stablehlo.add %111, %cst_53 : tensor<4x16xf32>
    %123 = stablehlo.sqrt %122 : tensor<4x16xf32>
    %cst_54 = stablehlo.constant dense<9.99999993E-9> : tensor<4x16xf32>
    %124 = stablehlo.add %123, %cst_54 : tensor<4x16xf32>
    %125 = stablehlo.divide %96, %124 : tensor<4x16xf32>
    %cst_55 = stablehlo.constant dense<0.000000e+00> : tensor<3xf32>
    %126 = stablehlo.add %114, %cst_55 : tensor<3xf32>
    %127 = stablehlo.sqrt %126 : tensor<3xf32>
    %cst_56 = stablehlo.constant dense<9.99999993E-9> : tensor<3xf32>
    %128 = stablehlo.add %127, %cst_56 : tensor<3xf32>
    %129 = stablehlo.divide %99, %128 : tensor<3xf32>
    %cst_57 = stablehlo.constant dense<0.000000e+00> : tensor<16x3xf32>
    %130 = stablehlo.add %117, %cst_57 : tensor<16x3xf32>
    %131 = stablehlo.sqrt %130 : tensor<16x3xf32>
    %cst_58 = stablehlo.constant dense<9.99999993E-9> : tensor<16x3xf32>
    %132 = stablehlo.add %131, %cst_58 : tensor<16x3xf32>
    %133 = stablehlo.divide %102, %132 : tensor<16x3xf32>
    %cst_59 = stablehlo.constant dense<-0.00999999977> : tensor<16xf32>
    %134 = stablehlo.multiply %cst_59, %121 : tensor<16xf32>
    %cst_60 = stablehlo.constant dense<-0.00999999977> : tensor<4x16xf32>
    %135 = stablehlo.multiply %cst_60, %125 : tensor<4x16xf32>
    %cst_61 = stablehlo.constant dense<-0.00999999977> : tensor<3xf32>
    %136 = stablehlo.multiply %cst_61, %129 : tensor<3xf32>
    %cst_62 = stablehlo.constant dense<-0.00999999977> : tensor<16x3xf32>
    %137 = stablehlo.multiply %cst_62, %133 : tensor<16x3xf32>
    %138 = stablehlo.add %arg0, %134 : tensor<16xf32>
    %139 = stablehlo.add %arg1, %135 : tensor<4x16xf32>
    %140 = stablehlo.add %arg2, %136 : tensor<3xf32>
    %141 = stablehlo.add %arg3, %137 : tensor<16x3xf32>
    %c_63 = stablehlo.constant dense<1> : tensor<ui32>
    %142 = stablehlo.add %arg13, %c_63 : tensor<ui32>
    return %34, %138, %139, %140, %141, %87, %59, %62, %65, %68, %72, %76, %80, %84, %142 : tensor<f32>, tensor<16xf32>, tensor<4x16xf32>, tensor<3xf32>, tensor<16x3xf32>, tensor<i32>, tensor<16xf32>, tensor<4x16xf32>, tensor<3xf32>, tensor<16x3xf32>, tensor<16xf32>, tensor<4x16xf32>, tensor<3xf32>, tensor<16x3xf32>, tensor<ui32>
  }
}
