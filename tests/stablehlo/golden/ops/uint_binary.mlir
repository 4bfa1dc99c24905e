module @jit_fn attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<6xui32>, %arg1: tensor<6xui32>) -> (tensor<6xui32>, tensor<6xui32>, tensor<6xui32>, tensor<6xui32>, tensor<6xui32>, tensor<6xui32>, tensor<6xui32>) {
    %0 = stablehlo.add %arg0, %arg1 : tensor<6xui32>
    %1 = stablehlo.subtract %arg0, %arg1 : tensor<6xui32>
    %2 = stablehlo.multiply %arg0, %arg1 : tensor<6xui32>
    %3 = stablehlo.divide %arg0, %arg1 : tensor<6xui32>
    %4 = stablehlo.remainder %arg0, %arg1 : tensor<6xui32>
    %5 = stablehlo.maximum %arg0, %arg1 : tensor<6xui32>
    %6 = stablehlo.minimum %arg0, %arg1 : tensor<6xui32>
    return %0, %1, %2, %3, %4, %5, %6 : tensor<6xui32>, tensor<6xui32>, tensor<6xui32>, tensor<6xui32>, tensor<6xui32>, tensor<6xui32>, tensor<6xui32>
  }
}
