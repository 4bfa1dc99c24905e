module @jit_fn attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<10xi32>, %arg1: tensor<10xi32>) -> (tensor<10xi32>, tensor<10xi32>, tensor<10xi32>, tensor<10xi32>, tensor<10xi32>, tensor<10xi32>, tensor<10xi32>, tensor<10xi32>, tensor<10xi32>, tensor<10xi32>) {
    %0 = stablehlo.add %arg0, %arg1 : tensor<10xi32>
    %1 = stablehlo.subtract %arg0, %arg1 : tensor<10xi32>
    %2 = stablehlo.multiply %arg0, %arg1 : tensor<10xi32>
    %3 = stablehlo.divide %arg0, %arg1 : tensor<10xi32>
    %4 = stablehlo.remainder %arg0, %arg1 : tensor<10xi32>
    %5 = stablehlo.maximum %arg0, %arg1 : tensor<10xi32>
    %6 = stablehlo.minimum %arg0, %arg1 : tensor<10xi32>
    %7 = stablehlo.and %arg0, %arg1 : tensor<10xi32>
    %8 = stablehlo.or %arg0, %arg1 : tensor<10xi32>
    %9 = stablehlo.xor %arg0, %arg1 : tensor<10xi32>
    return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : tensor<10xi32>, tensor<10xi32>, tensor<10xi32>, tensor<10xi32>, tensor<10xi32>, tensor<10xi32>, tensor<10xi32>, tensor<10xi32>, tensor<10xi32>, tensor<10xi32>
  }
}
