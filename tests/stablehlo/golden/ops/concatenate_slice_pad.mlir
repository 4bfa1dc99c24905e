module @jit_fn attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<2x3xf32>, %arg1: tensor<2x2xf32>) -> (tensor<2x8xf32>, tensor<2x2xf32>, tensor<2x3xf32>, tensor<2x7xf32>) {
    %0 = stablehlo.concatenate %arg0, %arg1, %arg0, dim = 1 : (tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x3xf32>) -> tensor<2x8xf32>
    %1 = stablehlo.slice %arg0 [0:2, 1:3] : (tensor<2x3xf32>) -> tensor<2x2xf32>
    %2 = stablehlo.concatenate %arg0, %arg1, dim = 1 : (tensor<2x3xf32>, tensor<2x2xf32>) -> tensor<2x5xf32>
    %3 = stablehlo.slice %2 [0:2, 0:5:2] : (tensor<2x5xf32>) -> tensor<2x3xf32>
    %cst = stablehlo.constant dense<5.000000e-01> : tensor<f32>
    %4 = stablehlo.pad %arg0, %cst, low = [1, 0], high = [-1, 2], interior = [0, 1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x7xf32>
    return %0, %1, %3, %4 : tensor<2x8xf32>, tensor<2x2xf32>, tensor<2x3xf32>, tensor<2x7xf32>
  }
}
