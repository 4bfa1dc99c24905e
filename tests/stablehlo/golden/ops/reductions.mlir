module @jit_fn attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xi32>, %arg2: tensor<2x3xui32>, %arg3: tensor<2x3xi1>) -> (tensor<2xf32>, tensor<3xf32>, tensor<f32>, tensor<3xi32>, tensor<2xi32>, tensor<2xui32>, tensor<ui32>, tensor<2xi1>, tensor<2xi1>, tensor<2x3xf32>) {
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %0 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.add across dimensions = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
    %cst_0 = stablehlo.constant dense<0xFF800000> : tensor<f32>
    %1 = stablehlo.reduce(%arg0 init: %cst_0) applies stablehlo.maximum across dimensions = [0] : (tensor<2x3xf32>, tensor<f32>) -> tensor<3xf32>
    %cst_1 = stablehlo.constant dense<0x7F800000> : tensor<f32>
    %2 = stablehlo.reduce(%arg0 init: %cst_1) applies stablehlo.minimum across dimensions = [0, 1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<f32>
    %c = stablehlo.constant dense<0> : tensor<i32>
    %3 = stablehlo.reduce(%arg1 init: %c) applies stablehlo.add across dimensions = [0] : (tensor<2x3xi32>, tensor<i32>) -> tensor<3xi32>
    %c_2 = stablehlo.constant dense<-2147483648> : tensor<i32>
    %4 = stablehlo.reduce(%arg1 init: %c_2) applies stablehlo.maximum across dimensions = [1] : (tensor<2x3xi32>, tensor<i32>) -> tensor<2xi32>
    %c_3 = stablehlo.constant dense<4294967295> : tensor<ui32>
    %5 = stablehlo.reduce(%arg2 init: %c_3) applies stablehlo.minimum across dimensions = [1] : (tensor<2x3xui32>, tensor<ui32>) -> tensor<2xui32>
    %c_4 = stablehlo.constant dense<0> : tensor<ui32>
    %6 = stablehlo.reduce(%arg2 init: %c_4) applies stablehlo.maximum across dimensions = [0, 1] : (tensor<2x3xui32>, tensor<ui32>) -> tensor<ui32>
    %c_5 = stablehlo.constant dense<false> : tensor<i1>
    %7 = stablehlo.reduce(%arg3 init: %c_5) applies stablehlo.or across dimensions = [1] : (tensor<2x3xi1>, tensor<i1>) -> tensor<2xi1>
    %c_6 = stablehlo.constant dense<true> : tensor<i1>
    %8 = stablehlo.reduce(%arg3 init: %c_6) applies stablehlo.and across dimensions = [1] : (tensor<2x3xi1>, tensor<i1>) -> tensor<2xi1>
    return %0, %1, %2, %3, %4, %5, %6, %7, %8, %arg0 : tensor<2xf32>, tensor<3xf32>, tensor<f32>, tensor<3xi32>, tensor<2xi32>, tensor<2xui32>, tensor<ui32>, tensor<2xi1>, tensor<2xi1>, tensor<2x3xf32>
  }
}
