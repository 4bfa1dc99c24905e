module @jit_fn attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<4xf32>, %arg1: tensor<4xi32>) -> (tensor<4xui32>, tensor<4xi32>, tensor<4xf32>, tensor<4xui32>) {
    %0 = stablehlo.bitcast_convert %arg0 : (tensor<4xf32>) -> tensor<4xui32>
    %1 = stablehlo.bitcast_convert %arg0 : (tensor<4xf32>) -> tensor<4xi32>
    %2 = stablehlo.bitcast_convert %arg1 : (tensor<4xi32>) -> tensor<4xf32>
    %3 = stablehlo.bitcast_convert %arg1 : (tensor<4xi32>) -> tensor<4xui32>
    return %0, %1, %2, %3 : tensor<4xui32>, tensor<4xi32>, tensor<4xf32>, tensor<4xui32>
  }
}
