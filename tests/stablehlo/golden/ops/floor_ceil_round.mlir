module @jit_fn attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<18xf32>) -> tensor<3x18xf32> {
    %0 = stablehlo.floor %arg0 : tensor<18xf32>
    %1 = stablehlo.ceil %arg0 : tensor<18xf32>
    %2 = stablehlo.round_nearest_even %arg0 : tensor<18xf32>
    %3 = stablehlo.reshape %0 : (tensor<18xf32>) -> tensor<1x18xf32>
    %4 = stablehlo.reshape %1 : (tensor<18xf32>) -> tensor<1x18xf32>
    %5 = stablehlo.reshape %2 : (tensor<18xf32>) -> tensor<1x18xf32>
    %6 = stablehlo.concatenate %3, %4, %5, dim = 0 : (tensor<1x18xf32>, tensor<1x18xf32>, tensor<1x18xf32>) -> tensor<3x18xf32>
    return %6 : tensor<3x18xf32>
  }
}
