module @jit_fn attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<6xi32>, %arg1: tensor<6xui32>, %arg2: tensor<6xi32>, %arg3: tensor<6xui32>) -> (tensor<6xi32>, tensor<6xi32>, tensor<6xi32>, tensor<6xui32>, tensor<6xui32>, tensor<6xui32>) {
    %0 = stablehlo.shift_left %arg0, %arg2 : tensor<6xi32>
    %1 = stablehlo.shift_right_arithmetic %arg0, %arg2 : tensor<6xi32>
    %2 = stablehlo.shift_right_logical %arg0, %arg2 : tensor<6xi32>
    %3 = stablehlo.shift_left %arg1, %arg3 : tensor<6xui32>
    %4 = stablehlo.shift_right_logical %arg1, %arg3 : tensor<6xui32>
    %5 = stablehlo.shift_right_arithmetic %arg1, %arg3 : tensor<6xui32>
    return %0, %1, %2, %3, %4, %5 : tensor<6xi32>, tensor<6xi32>, tensor<6xi32>, tensor<6xui32>, tensor<6xui32>, tensor<6xui32>
  }
}
