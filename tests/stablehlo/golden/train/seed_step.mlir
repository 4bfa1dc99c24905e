module @seed_train_step attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<1xf32>, %arg1: tensor<2x1xf32>, %arg2: tensor<ui32>, %arg3: tensor<4x2xf32>, %arg4: tensor<4x1xf32>) -> (tensor<f32>, tensor<1xf32>, tensor<2x1xf32>, tensor<ui32>) {
    %0 = stablehlo.dot_general %arg3, %arg1, contracting_dims = [1] x [0] : (tensor<4x2xf32>, tensor<2x1xf32>) -> tensor<4x1xf32>
    %1 = stablehlo.broadcast_in_dim %arg0, dims = [1] : (tensor<1xf32>) -> tensor<4x1xf32>
    %2 = stablehlo.add %0, %1 : tensor<4x1xf32>
    %3 = stablehlo.subtract %2, %arg4 : tensor<4x1xf32>
    %4 = stablehlo.multiply %3, %3 : tensor<4x1xf32>
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %5 = stablehlo.reduce(%4 init: %cst) applies stablehlo.add across dimensions = [0, 1] : (tensor<4x1xf32>, tensor<f32>) -> tensor<f32>
    %cst_0 = stablehlo.constant dense<2.500000e-01> : tensor<f32>
    %6 = stablehlo.multiply %5, %cst_0 : tensor<f32>
    %cst_1 = stablehlo.constant dense<1.000000e+00> : tensor<f32>
    %cst_2 = stablehlo.constant dense<2.500000e-01> : tensor<f32>
    %7 = stablehlo.multiply %cst_1, %cst_2 : tensor<f32>
    %8 = stablehlo.broadcast_in_dim %7, dims = [] : (tensor<f32>) -> tensor<4x1xf32>
    %cst_3 = stablehlo.constant dense<2.000000e+00> : tensor<4x1xf32>
    %9 = stablehlo.multiply %cst_3, %3 : tensor<4x1xf32>
    %10 = stablehlo.multiply %8, %9 : tensor<4x1xf32>
    %cst_4 = stablehlo.constant dense<0.000000e+00> : tensor<f32>
    %11 = stablehlo.reduce(%10 init: %cst_4) applies stablehlo.add across dimensions = [0] : (tensor<4x1xf32>, tensor<f32>) -> tensor<1xf32>
    %12 = stablehlo.dot_general %arg3, %10, contracting_dims = [0] x [0] : (tensor<4x2xf32>, tensor<4x1xf32>) -> tensor<2x1xf32>
    %cst_5 = stablehlo.constant dense<-5.000000e-02> : tensor<1xf32>
    %13 = stablehlo.multiply %cst_5, %11 : tensor<1xf32>
    %cst_6 = stablehlo.constant dense<-5.000000e-02> : tensor<2x1xf32>
    %14 = stablehlo.multiply %cst_6, %12 : tensor<2x1xf32>
    %15 = stablehlo.add %arg0, %13 : tensor<1xf32>
    %16 = stablehlo.add %arg1, %14 : tensor<2x1xf32>
    %c = stablehlo.constant dense<1> : tensor<ui32>
    %17 = stablehlo.add %arg2, %c : tensor<ui32>
    return %6, %15, %16, %17 : tensor<f32>, tensor<1xf32>, tensor<2x1xf32>, tensor<ui32>
  }
}
